package io.github.concurrent4j.futures;

import java.util.concurrent.CancellationException;

/**
 * The equivalent of Python's {@code concurrent.futures.CancelledError}: thrown by
 * {@link Future#result()} and {@link Future#exception()} when the future was cancelled.
 *
 * <p>It extends the JDK's {@link CancellationException}, so the same exception is what
 * {@link java.util.concurrent.Future#get()} throws for a cancelled future, and code written
 * for either API catches it. Unchecked, like every exception of concurrent4j.
 */
public class CancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    public CancelledException(String message) {
        super(message);
    }
}
