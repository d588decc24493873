package io.github.concurrent4j.green;

/**
 * The equivalent of Python's {@code greenlet.GreenletExit} (also {@code gevent.GreenletExit}):
 * thrown into a greenlet by {@link Greenlet#kill()} and by {@link Hub#close()}. A greenlet that
 * ends with it (whether it catches it or not) counts as a successful, killed greenlet, as in
 * gevent: {@link Greenlet#successful()} is true and the exception is not reported. It does not
 * propagate to the parent of a raw greenlet either: the parent's {@code switchTo} returns it.
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
