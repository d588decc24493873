package io.github.concurrent4j.futures;

import java.time.Duration;

import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Pipe;

/**
 * A {@link ExecutorMixin.Signal} that works across processes (CPython's {@code create_event()}
 * for process pools is a {@code multiprocessing.Event}): a one-way pipe that {@link #set()}
 * writes one message to and nobody reads, so that every waiter's {@code poll} sees it from then
 * on. It travels with the task that captures it; {@link #close()} releases the test's ends.
 */
public final class ProcessSignal implements ExecutorMixin.Signal, AutoCloseable {
    private static final long serialVersionUID = 1L;
    private final Connection in, out;

    public ProcessSignal() {
        Pipe p = Pipe.open(false);
        this.in = p.conn1();
        this.out = p.conn2();
    }

    @Override
    public void set() {
        if (!in.poll()) out.sendBytes(new byte[] {1});
    }

    @Override
    public boolean await() {
        while (!in.poll(Duration.ofDays(1))) {
            // keep waiting
        }
        return true;
    }

    @Override
    public boolean await(Duration timeout) {
        return in.poll(timeout);
    }

    @Override
    public void close() {
        in.close();
        out.close();
    }
}
