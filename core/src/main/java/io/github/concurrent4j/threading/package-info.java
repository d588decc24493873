/**
 * Python's {@code threading} module on {@code java.util.concurrent}: thread helpers
 * ({@link io.github.concurrent4j.threading.Threading}), {@code Lock}, {@code RLock},
 * {@code Semaphore}, {@code BoundedSemaphore}, {@code Event}, {@code Condition},
 * {@code Barrier}, {@code Timer} and {@code local}, with Python's behaviour where it differs
 * from the JDK's (a {@code Lock} that any thread may release, a resettable {@code Event},
 * {@code Barrier.abort}), and deadlock reports
 * ({@link io.github.concurrent4j.threading.Deadlocks}) where Python just hangs.
 *
 * <p>Names: Python's {@code wait}/{@code notify}/{@code notify_all} are
 * {@code await}/{@code signal}/{@code signalAll} (as in {@code java.util.concurrent}, since
 * {@code Object.wait/notify} are final); Python's {@code with lock:} is
 * {@code try (var _ = lock.hold()) { ... }}; timeouts are {@link java.time.Duration}s, and
 * every timed method has an overload that waits forever. A blocking call interrupted by
 * {@link java.lang.Thread#interrupt()} throws the unchecked
 * {@link io.github.concurrent4j.InterruptedRuntimeException}.
 *
 * <p>The design note is {@code docs/threading.md}.
 */
package io.github.concurrent4j.threading;
