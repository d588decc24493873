package io.github.concurrent4j.green;

import java.util.Optional;

/**
 * The equivalent of Python's {@code gevent.Timeout} raised as an exception: a {@link Timeout}
 * expired in the greenlet that started it, or a timed wait ({@link Greenlet#get(Duration)},
 * {@link Gevent#withTimeout}) ran out. {@link #timeout()} says which {@code Timeout} fired, so
 * that nested timeouts can tell theirs from an outer one's.
 *
 * <p>Unchecked (gevent's {@code Timeout} derives from {@code BaseException}: code that catches
 * every {@code Exception} still sees it; in Java it is a {@code RuntimeException}).
 */
public final class GreenTimeoutException extends RuntimeException {
    private final transient Timeout timeout;

    /** Creates the exception for {@code timeout} (null if it comes from a timed wait). */
    public GreenTimeoutException(Timeout timeout, String message) {
        super(message);
        this.timeout = timeout;
    }

    /** The {@link Timeout} that expired, if this exception comes from one. */
    public Optional<Timeout> timeout() {
        return Optional.ofNullable(timeout);
    }
}
