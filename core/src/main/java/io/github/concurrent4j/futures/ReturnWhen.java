package io.github.concurrent4j.futures;

/**
 * When {@link Futures#wait(java.util.Collection, java.time.Duration, ReturnWhen)} returns: the
 * equivalent of Python's {@code concurrent.futures.FIRST_COMPLETED}, {@code FIRST_EXCEPTION}
 * and {@code ALL_COMPLETED}.
 */
public enum ReturnWhen {
    /** As soon as any future finishes or is cancelled. */
    FIRST_COMPLETED,
    /**
     * As soon as any future finishes by raising an exception; if none does, when all are
     * done (as {@link #ALL_COMPLETED}).
     */
    FIRST_EXCEPTION,
    /** When all futures are done. */
    ALL_COMPLETED
}
