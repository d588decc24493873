package io.github.concurrent4j.futures;

import java.util.Objects;
import java.util.Set;

/**
 * What {@link Futures#wait} returns: the equivalent of Python's
 * {@code DoneAndNotDoneFutures(done, not_done)} named tuple. Both sets are unmodifiable
 * snapshots, taken when the wait returned; a future in {@code notDone} may finish right after.
 *
 * @param done    the futures that were done (finished or cancelled)
 * @param notDone the others
 * @param <F>     the type of the futures
 */
public record DoneAndNotDone<F extends Future<?>>(Set<F> done, Set<F> notDone) {
    public DoneAndNotDone {
        done = Set.copyOf(Objects.requireNonNull(done, "done"));
        notDone = Set.copyOf(Objects.requireNonNull(notDone, "notDone"));
    }
}
