package io.github.concurrent4j.green;

/**
 * The equivalent of gevent's (and greenlet's) `GreenletExit`: thrown into a greenlet by {@link Greenlet#kill()} (and by {@link Hub#close()}). A greenlet that ends with it (whether it catches it or not) counts as a successful, killed greenlet, as in gevent: {@link Greenlet#successful()} is true and the exception is not reported. It is not propagated to the parent of a raw greenlet either; the parent's {@code switchTo} returns it instead.
 *
 * <p>Unchecked. Instances are thrown across greenlets and carry no meaning beyond their type
 * and message.
 */
public class GreenletExitException extends RuntimeException {
    /** Creates the exception with the default message "GreenletExit". */
    public GreenletExitException() {
        super("GreenletExit");
    }

    /** Creates the exception with {@code message}. */
    public GreenletExitException(String message) {
        super(message);
    }
}
