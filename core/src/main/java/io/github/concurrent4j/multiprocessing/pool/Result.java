package io.github.concurrent4j.multiprocessing.pool;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.concurrent4j.futures.CancelledException;
import io.github.concurrent4j.futures.Future;
import io.github.concurrent4j.futures.FuturesTimeoutException;
import io.github.concurrent4j.futures.Promise;
import io.github.concurrent4j.futures.internal.Reports;
import io.github.concurrent4j.multiprocessing.pool.internal.Job;
import io.github.concurrent4j.multiprocessing.pool.internal.TaskFunction;

/**
 * An {@link AsyncResult} over a {@link Promise}, with the callbacks of Python's
 * {@code ApplyResult}: when the outcome is known, the callback (or error callback) runs on the
 * pool's result thread, and only then is the result made ready, so that {@code get} returns
 * after the callback has run, as in CPython. Without callbacks the result is made ready in the
 * thread that delivered the outcome (no hop through the result thread).
 */
abstract class Result<T> implements AsyncResult<T>, Job {
    private final Promise<T> promise = Promise.create();
    private final Engine engine;
    private final TaskFunction fn;
    private final Consumer<? super T> callback;
    private final Consumer<? super Throwable> errorCallback;

    Result(Engine engine, TaskFunction fn, Consumer<? super T> callback, Consumer<? super Throwable> errorCallback) {
        this.engine = engine;
        this.fn = fn;
        this.callback = callback;
        this.errorCallback = errorCallback;
    }

    @Override
    public TaskFunction function() {
        return fn;
    }

    /** Completes with {@code value}, after the callback. */
    final void succeed(T value) {
        if (callback == null) {
            promise.setResult(value);
            return;
        }
        engine.callback(() -> {
            try {
                callback.accept(value);
            } catch (Throwable t) {
                Reports.callbackFailed(CallbackRunner.LOGGER, "exception in callback of " + this, t);
            } finally {
                promise.setResult(value);
            }
        });
    }

    /** Completes with {@code error}, after the error callback. */
    final void fail(Throwable error) {
        if (errorCallback == null) {
            promise.setException(error);
            return;
        }
        engine.callback(() -> {
            try {
                errorCallback.accept(error);
            } catch (Throwable t) {
                Reports.callbackFailed(CallbackRunner.LOGGER, "exception in error_callback of " + this, t);
            } finally {
                promise.setException(error);
            }
        });
    }

    @Override
    public T get() {
        return promise.result();
    }

    @Override
    public T get(Duration timeout) {
        return promise.result(timeout);
    }

    @Override
    public void await() {
        try {
            promise.exception();
        } catch (CancelledException ignored) {
            // ready
        }
    }

    @Override
    public boolean await(Duration timeout) {
        try {
            promise.exception(timeout);
        } catch (FuturesTimeoutException notYet) {
            return false;
        } catch (CancelledException ignored) {
            // ready
        }
        return true;
    }

    @Override
    public boolean ready() {
        return promise.done();
    }

    @Override
    public boolean successful() {
        if (!promise.done()) throw new IllegalStateException(this + " not ready");
        return !promise.cancelled() && promise.exception().isEmpty();
    }

    @Override
    public Future<T> future() {
        return promise;
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + (promise.done() ? "ready" : "pending") + ">";
    }
}
