package io.github.concurrent4j.futures;

import java.time.Duration;

import io.github.concurrent4j.threading.Event;

/** A {@link ExecutorMixin.Signal} on a {@code threading.Event}: for executors and pools that run tasks in this JVM. */
public final class ThreadSignal implements ExecutorMixin.Signal {
    private static final long serialVersionUID = 1L;
    private final transient Event event = new Event();

    @Override
    public void set() {
        event.set();
    }

    @Override
    public boolean await() {
        return event.await();
    }

    @Override
    public boolean await(Duration timeout) {
        return event.await(timeout);
    }
}
