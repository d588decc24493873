package io.github.concurrent4j.futures.internal;

import java.lang.System.Logger.Level;

/**
 * The one way concurrent4j reports an exception that has nowhere to go: a user callback that
 * threw (a future's done callback, a pool's {@code callback} or {@code errorCallback}, a
 * progress listener). Python logs these on its {@code concurrent.futures} logger ("exception
 * calling callback for ..."); here they go to the {@code System.Logger} of the package that
 * ran the callback, at {@code ERROR}, with the stack trace. Never throws.
 */
public final class Reports {
    private Reports() {}

    /**
     * Logs {@code failure} on the logger named {@code logger}, with {@code message}
     * ({@code exception calling callback for <Future ...>}).
     */
    public static void callbackFailed(String logger, String message, Throwable failure) {
        try {
            System.getLogger(logger).log(Level.ERROR, message, failure);
        } catch (Throwable loggingFailed) {
            // The logging system itself failed (a broken handler): stderr is the last resort,
            // and a reporter must not throw into the thread that completes a future.
            try {
                System.err.println(message);
                failure.printStackTrace();
            } catch (Throwable ignored) {
                // nothing is left to report to
            }
        }
    }
}
