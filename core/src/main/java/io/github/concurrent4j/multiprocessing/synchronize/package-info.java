/**
 * Python's {@code multiprocessing.synchronize}: {@code Lock}, {@code RLock}, {@code Semaphore},
 * {@code BoundedSemaphore}, {@code Event}, {@code Condition} and {@code Barrier} in shared
 * memory, usable from every thread of every process they are passed to (through
 * {@code new Process(target)}, a pipe or a queue). Each lives in a 0600 file in the family's
 * private shared-memory directory and waits on Linux futexes; a lock records its owner's pid,
 * start time and thread, so a holder process that dies is detected ({@link
 * io.github.concurrent4j.multiprocessing.synchronize.OwnerDiedException}) and cycles through
 * several processes are reported by {@code threading.Deadlocks}.
 *
 * <pre>
 *  process A                         /dev/shm/c4j-…/sync-…              process B
 *  new Lock() ──create──▶  [magic|kind][holders][RobustLock|waiters]
 *  new Process(() -&gt; lock…) ──form (path, lender pid)──▶ attach ──▶ same file mapped
 *  acquire: CAS owner word ◀───────── futex wait / wake ─────────▶ acquire / release
 * </pre>
 *
 * <p>Names follow the rest of the library: {@code wait}/{@code notify}/{@code notify_all} are
 * {@code await}/{@code signal}/{@code signalAll}; {@code with lock:} is
 * {@code try (var _ = lock.hold())}. Linux on x86-64 only for now: elsewhere the constructors
 * throw {@link java.lang.UnsupportedOperationException} (see {@code docs/multiprocessing.md}).
 */
package io.github.concurrent4j.multiprocessing.synchronize;
