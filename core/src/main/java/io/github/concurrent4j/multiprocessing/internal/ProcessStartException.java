package io.github.concurrent4j.multiprocessing.internal;

/** A child JVM could not be started or did not connect back; the message says why. */
public final class ProcessStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProcessStartException(String message) {
        super(message);
    }

    public ProcessStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
