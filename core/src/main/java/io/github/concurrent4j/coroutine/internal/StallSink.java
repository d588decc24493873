package io.github.concurrent4j.coroutine.internal;

/** Receives the stall watchdog's reports (the public APIs adapt it to their report type). */
@FunctionalInterface
public interface StallSink {
    /**
     * {@code fiber} of {@code loop} has held the baton for {@code nanos} without passing it;
     * {@code stack} is where its thread is now.
     */
    void stalled(Loop loop, Fiber fiber, long nanos, StackTraceElement[] stack);
}
