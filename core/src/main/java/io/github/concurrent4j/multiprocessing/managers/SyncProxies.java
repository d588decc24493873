package io.github.concurrent4j.multiprocessing.managers;

import java.time.Duration;

import io.github.concurrent4j.Timeouts;

/**
 * The client side of the built-in synchronization types and queues: each method is one call.
 * A timeout travels as nanoseconds, with "forever" as {@link Wire#FOREVER}.
 */
final class SyncProxies {
    private SyncProxies() {}

    static long wire(Duration timeout) {
        long n = Timeouts.toNanos(timeout);
        return n == Long.MAX_VALUE ? Wire.FOREVER : n;
    }

    /** Lock, RLock, Semaphore, BoundedSemaphore. */
    static class Acquirer extends AbstractProxy implements AcquirerProxy {
        Acquirer(Wire.Token token, Calls.Endpoint endpoint) {
            super(token, endpoint);
        }

        @Override
        public final boolean acquire(boolean blocking) {
            return (Boolean) call("acquire", blocking, Wire.FOREVER);
        }

        @Override
        public final boolean acquire(Duration timeout) {
            return (Boolean) call("acquire", true, wire(timeout));
        }

        @Override
        public final void release() {
            call("release");
        }
    }

    static final class Cond extends Acquirer implements ConditionProxy {
        Cond(Wire.Token token, Calls.Endpoint endpoint) {
            super(token, endpoint);
        }

        @Override
        public boolean await(Duration timeout) {
            return (Boolean) call("await", wire(timeout));
        }

        @Override
        public void signal(int n) {
            call("signal", n);
        }

        @Override
        public void signalAll() {
            call("signalAll");
        }
    }

    static final class Evt extends AbstractProxy implements EventProxy {
        Evt(Wire.Token token, Calls.Endpoint endpoint) {
            super(token, endpoint);
        }

        @Override
        public boolean isSet() {
            return (Boolean) call("isSet");
        }

        @Override
        public void set() {
            call("set");
        }

        @Override
        public void clear() {
            call("clear");
        }

        @Override
        public boolean await(Duration timeout) {
            return (Boolean) call("await", wire(timeout));
        }
    }

    static final class Bar extends AbstractProxy implements BarrierProxy {
        Bar(Wire.Token token, Calls.Endpoint endpoint) {
            super(token, endpoint);
        }

        @Override
        public int await(Duration timeout) {
            return (Integer) call("await", wire(timeout));
        }

        @Override
        public void reset() {
            call("reset");
        }

        @Override
        public void abort() {
            call("abort");
        }

        @Override
        public int parties() {
            return (Integer) call("parties");
        }

        @Override
        public int nWaiting() {
            return (Integer) call("nWaiting");
        }

        @Override
        public boolean isBroken() {
            return (Boolean) call("isBroken");
        }
    }

    static final class Q<E> extends AbstractProxy implements QueueProxy<E> {
        Q(Wire.Token token, Calls.Endpoint endpoint) {
            super(token, endpoint);
        }

        @Override
        public void put(E item, Duration timeout) {
            call("put", item, true, wire(timeout));
        }

        @Override
        public void putNowait(E item) {
            call("put", item, false, 0L);
        }

        @Override
        public E get(Duration timeout) {
            return ask("get", true, wire(timeout));
        }

        @Override
        public E getNowait() {
            return ask("get", false, 0L);
        }

        @Override
        public int qsize() {
            return (Integer) call("qsize");
        }

        @Override
        public boolean empty() {
            return (Boolean) call("empty");
        }

        @Override
        public boolean full() {
            return (Boolean) call("full");
        }

        @Override
        public int maxsize() {
            return (Integer) call("maxsize");
        }

        @Override
        public void taskDone() {
            call("taskDone");
        }

        @Override
        public boolean join(Duration timeout) {
            return (Boolean) call("join", wire(timeout));
        }
    }
}
