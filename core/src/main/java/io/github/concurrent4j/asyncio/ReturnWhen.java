package io.github.concurrent4j.asyncio;

/** The equivalent of Python's {@code asyncio.FIRST_COMPLETED / FIRST_EXCEPTION / ALL_COMPLETED}: when {@link Asyncio#wait} returns. */
public enum ReturnWhen {
    /** As soon as any future is done or cancelled. */
    FIRST_COMPLETED,
    /** As soon as any future completes with an exception; else when all are done. */
    FIRST_EXCEPTION,
    /** When all futures are done. */
    ALL_COMPLETED
}
