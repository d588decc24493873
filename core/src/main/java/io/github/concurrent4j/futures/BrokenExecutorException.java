package io.github.concurrent4j.futures;

import java.util.concurrent.RejectedExecutionException;

/**
 * The equivalent of Python's {@code concurrent.futures.BrokenExecutor}: the executor can no
 * longer run tasks (a worker's initializer failed; for a process executor, a worker process
 * died). Pending futures fail with it, and {@code submit} throws it from then on.
 *
 * <p>It extends {@link RejectedExecutionException}, the exception
 * {@link java.util.concurrent.ExecutorService#submit} throws when it cannot accept a task, so
 * code written for the JDK's interface handles it too. The cause, when there is one, is what
 * broke the executor (the initializer's exception).
 */
public class BrokenExecutorException extends RejectedExecutionException {
    private static final long serialVersionUID = 1L;

    public BrokenExecutorException(String message) {
        super(message);
    }

    public BrokenExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
