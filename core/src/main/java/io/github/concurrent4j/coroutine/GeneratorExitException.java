package io.github.concurrent4j.coroutine;

/**
 * The equivalent of Python's {@code GeneratorExit}: thrown into a generator's body at its
 * suspended {@link Generator#yield yield} by {@link Generator#close()}, so that its
 * {@code finally} blocks run. A body that lets it propagate (or catches it and returns) is
 * closed normally; a body that yields again instead breaks the protocol and {@code close()}
 * throws {@link IllegalStateException} ("generator ignored GeneratorExit").
 *
 * <p>Unchecked.
 */
public final class GeneratorExitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception ("GeneratorExit"). */
    public GeneratorExitException() {
        super("GeneratorExit");
    }
}
