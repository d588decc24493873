package io.github.concurrent4j.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/**
 * The one way the library runs a user's {@link Callable} where only unchecked exceptions may
 * leave: runtime exceptions and errors pass unchanged, a checked exception is wrapped in a
 * {@link CompletionException} whose cause it is (the wrapper {@code CompletableFuture.join}
 * uses, so callers unwrap it the same way).
 */
public final class Unchecked {
    private Unchecked() {}

    /** Calls {@code body}; a checked exception it throws leaves as a {@link CompletionException}. */
    public static <T> T call(Callable<T> body) {
        try {
            return body.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }
}
