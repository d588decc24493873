package io.github.concurrent4j.asyncio;

import java.util.Set;

/**
 * The equivalent of the {@code (done, pending)} pair that Python's {@code asyncio.wait}
 * returns. Both sets keep the order in which the futures were given.
 *
 * @param done    the futures that are done
 * @param pending the futures that are not
 * @param <T>     the futures' result type
 */
public record WaitResult<T>(Set<Future<T>> done, Set<Future<T>> pending) {
    /** The compact constructor makes both sets unmodifiable. */
    public WaitResult {
        done = java.util.Collections.unmodifiableSet(done);
        pending = java.util.Collections.unmodifiableSet(pending);
    }
}
