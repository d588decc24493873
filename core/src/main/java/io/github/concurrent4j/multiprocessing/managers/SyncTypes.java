package io.github.concurrent4j.multiprocessing.managers;

import java.time.Duration;
import java.util.Map;

import static java.util.Map.entry;

import io.github.concurrent4j.queue.EmptyException;
import io.github.concurrent4j.queue.FullException;
import io.github.concurrent4j.queue.Queue;
import io.github.concurrent4j.threading.Barrier;
import io.github.concurrent4j.threading.BoundedSemaphore;
import io.github.concurrent4j.threading.Condition;
import io.github.concurrent4j.threading.Event;
import io.github.concurrent4j.threading.Lock;
import io.github.concurrent4j.threading.RLock;
import io.github.concurrent4j.threading.Semaphore;

/**
 * The server side of the built-in synchronization types and queues: this library's
 * {@code threading} and {@code queue} objects, living in the manager's process, acquired and
 * waited on by the session thread that stands for the calling client thread. Blocking calls
 * wait in slices ({@link Session#block}) so that a client that dies while waiting is noticed.
 * A timeout travels as nanoseconds, {@link Wire#FOREVER} for none.
 */
final class SyncTypes {
    private SyncTypes() {}

    /** A condition and the {@link RLock} it is built on (released for a client that went away). */
    record Cond(Condition condition, RLock lock) {}

    private static long nanos(Object o) {
        return (Long) o;
    }

    private static final Map<String, Types.Op> LOCK = Map.of(
            "acquire", (t, a, s) -> {
                Lock l = (Lock) t;
                boolean got = (Boolean) a[0] ? s.block(nanos(a[1]), l::acquire) : l.acquire(false);
                if (got) s.acquired(l);
                return got;
            },
            "release", (t, a, s) -> {
                Lock l = (Lock) t;
                if (!l.locked()) throw new IllegalStateException("release unlocked lock");
                s.released(l);
                l.release();
                return null;
            },
            "locked", (t, a, s) -> ((Lock) t).locked());

    private static final Map<String, Types.Op> RLOCK = Map.of(
            "acquire", (t, a, s) -> {
                RLock l = (RLock) t;
                boolean got = (Boolean) a[0] ? s.block(nanos(a[1]), l::acquire) : l.acquire(false);
                if (got) s.acquired(l);
                return got;
            },
            "release", (t, a, s) -> {
                ((RLock) t).release();
                return null;
            },
            "locked", (t, a, s) -> ((RLock) t).locked());

    private static final Map<String, Types.Op> SEMAPHORE = Map.of(
            "acquire", (t, a, s) -> {
                Semaphore m = (Semaphore) t;
                return (Boolean) a[0] ? s.block(nanos(a[1]), m::acquire) : m.acquire(false);
            },
            "release", (t, a, s) -> {
                ((Semaphore) t).release(a.length > 0 ? (Integer) a[0] : 1);
                return null;
            },
            "value", (t, a, s) -> ((Semaphore) t).value());

    private static final Map<String, Types.Op> CONDITION = Map.of(
            "acquire", (t, a, s) -> {
                Cond c = (Cond) t;
                boolean got = (Boolean) a[0] ? s.block(nanos(a[1]), c.condition()::acquire) : c.condition().acquire(false);
                if (got) s.acquired(c.lock());
                return got;
            },
            "release", (t, a, s) -> {
                ((Cond) t).condition().release();
                return null;
            },
            "await", (t, a, s) -> {
                Condition c = ((Cond) t).condition();
                // Slices re-wait while still holding the lock between them, so no signal is lost.
                return s.block(nanos(a[0]), c::await);
            },
            "signal", (t, a, s) -> {
                ((Cond) t).condition().signal((Integer) a[0]);
                return null;
            },
            "signalAll", (t, a, s) -> {
                ((Cond) t).condition().signalAll();
                return null;
            });

    private static final Map<String, Types.Op> EVENT = Map.of(
            "isSet", (t, a, s) -> ((Event) t).isSet(),
            "set", (t, a, s) -> {
                ((Event) t).set();
                return null;
            },
            "clear", (t, a, s) -> {
                ((Event) t).clear();
                return null;
            },
            "await", (t, a, s) -> s.block(nanos(a[0]), ((Event) t)::await));

    private static final Map<String, Types.Op> BARRIER = Map.of(
            // A barrier's wait cannot be split into slices: a client killed while waiting is
            // noticed when the barrier trips, breaks or times out.
            "await", (t, a, s) -> nanos(a[0]) < 0 ? ((Barrier) t).await() : ((Barrier) t).await(Duration.ofNanos(nanos(a[0]))),
            "reset", (t, a, s) -> {
                ((Barrier) t).reset();
                return null;
            },
            "abort", (t, a, s) -> {
                ((Barrier) t).abort();
                return null;
            },
            "parties", (t, a, s) -> ((Barrier) t).parties(),
            "nWaiting", (t, a, s) -> ((Barrier) t).nWaiting(),
            "isBroken", (t, a, s) -> ((Barrier) t).isBroken());

    @SuppressWarnings("unchecked")
    private static Queue<Object> q(Object t) {
        return (Queue<Object>) t;
    }

    private static final Map<String, Types.Op> QUEUE = Map.ofEntries(
            entry("put", (t, a, s) -> {
                Queue<Object> q = q(t);
                if (!(Boolean) a[1]) {
                    q.putNowait(a[0]);
                    return null;
                }
                boolean done = s.block(nanos(a[2]), slice -> {
                    try {
                        q.put(a[0], slice);
                        return true;
                    } catch (FullException e) {
                        return false;
                    }
                });
                if (!done) throw new FullException("queue is full");
                return null;
            }),
            entry("get", (t, a, s) -> {
                Queue<Object> q = q(t);
                if (!(Boolean) a[0]) return q.getNowait();
                Object[] got = new Object[1];
                boolean done = s.block(nanos(a[1]), slice -> {
                    try {
                        got[0] = q.get(slice);
                        return true;
                    } catch (EmptyException e) {
                        return false;
                    }
                });
                if (!done) throw new EmptyException("queue is empty");
                return got[0];
            }),
            entry("qsize", (t, a, s) -> q(t).qsize()),
            entry("empty", (t, a, s) -> q(t).empty()),
            entry("full", (t, a, s) -> q(t).full()),
            entry("maxsize", (t, a, s) -> q(t).maxsize()),
            entry("taskDone", (t, a, s) -> {
                q(t).taskDone();
                return null;
            }),
            entry("unfinishedTasks", (t, a, s) -> q(t).unfinishedTasks()),
            entry("join", (t, a, s) -> s.block(nanos(a[0]), q(t)::join)),
            entry("shutdown", (t, a, s) -> {
                q(t).shutdown((Boolean) a[0]);
                return null;
            }),
            entry("isShutdown", (t, a, s) -> q(t).isShutdown()));

    static final Map<String, Types.Type> TYPES = Map.of(
            "lock", new Types.Type(a -> new Lock(), LOCK),
            "rlock", new Types.Type(a -> new RLock(), RLOCK),
            "semaphore", new Types.Type(a -> new Semaphore((Integer) a[0]), SEMAPHORE),
            "boundedSemaphore", new Types.Type(a -> new BoundedSemaphore((Integer) a[0]), SEMAPHORE),
            "condition", new Types.Type(a -> {
                RLock l = new RLock();
                return new Cond(new Condition(l), l);
            }, CONDITION),
            "event", new Types.Type(a -> new Event(), EVENT),
            "barrier", new Types.Type(a -> nanosOrNull(a[1]) == null ? new Barrier((Integer) a[0])
                    : new Barrier((Integer) a[0], null, Duration.ofNanos((Long) a[1])), BARRIER),
            "queue", new Types.Type(a -> new Queue<>((Integer) a[0]), QUEUE),
            "joinableQueue", new Types.Type(a -> new Queue<>((Integer) a[0]), QUEUE));

    private static Long nanosOrNull(Object o) {
        return o == null || (Long) o < 0 ? null : (Long) o;
    }
}
