package io.github.concurrent4j.futures;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * CPython's {@code create_future(state=...)} and its module constants
 * ({@code Lib/test/test_concurrent_futures/util.py}, CPython 3.13): futures in each state,
 * made through the public {@link Promise} API instead of setting private fields. Python's
 * {@code OSError} is {@link UncheckedIOException} here. {@code CANCELLED_AND_NOTIFIED} (a
 * cancelled future whose executor has noticed) is a cancelled future on which
 * {@code setRunningOrNotifyCancel()} was called; concurrent4j does not tell the two apart.
 */
final class FutureStates {
    private FutureStates() {}

    static Promise<Object> pending() {
        return Promise.create();
    }

    static Promise<Object> running() {
        Promise<Object> f = Promise.create();
        f.setRunningOrNotifyCancel();
        return f;
    }

    static Promise<Object> cancelled() {
        Promise<Object> f = Promise.create();
        f.cancel();
        return f;
    }

    static Promise<Object> cancelledAndNotified() {
        Promise<Object> f = Promise.create();
        f.cancel();
        if (f.setRunningOrNotifyCancel()) throw new AssertionError("a cancelled future must not run");
        return f;
    }

    static Promise<Object> exception() {
        Promise<Object> f = Promise.create();
        f.setException(new UncheckedIOException(new IOException()));
        return f;
    }

    static Promise<Object> successful() {
        Promise<Object> f = Promise.create();
        f.setResult(42);
        return f;
    }
}
