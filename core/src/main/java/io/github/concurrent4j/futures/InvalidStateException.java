package io.github.concurrent4j.futures;

/**
 * The equivalent of Python's {@code concurrent.futures.InvalidStateError}: a {@link Promise}
 * was completed twice, or completed after it was cancelled. The message starts with the state
 * the future was in ({@code FINISHED: <Future ...>}), as Python's does.
 */
public class InvalidStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InvalidStateException(String message) {
        super(message);
    }
}
