package io.github.concurrent4j.multiprocessing.pool.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.lang.ref.WeakReference;
import java.util.WeakHashMap;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

import io.github.concurrent4j.futures.internal.Reports;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.Waitable;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.transport.AllowList;
import io.github.concurrent4j.transport.ByteSink;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.Serialization;
import io.github.concurrent4j.transport.SerializationException;

/**
 * The parent's handle on one worker process of a {@link ProcessBackend}: sends chunks (encoding
 * them here, so that what cannot travel fails its chunk and nothing else) and, on the backend's
 * I/O thread, reads the worker's messages and reports them to the engine.
 */
final class ProcessWorker implements WorkerHandle {
    private static final String LOGGER = "io.github.concurrent4j.multiprocessing.pool";

    final Process process;
    final Connection conn;
    final Waitable sentinel;
    private final WorkerEvents events;
    private final String name;
    private final long pid;
    private final ReentrantLock sendLock = new ReentrantLock();
    private ByteSink body = new ByteSink(256); // guarded by sendLock
    /**
     * Which slot of the worker holds which function (guarded by sendLock). Weak: a function no
     * longer used anywhere else (with what it captures) must not be kept alive by this table;
     * the worker's copy is in its own process. The least recently used slot is reused.
     */
    private final WeakHashMap<TaskFunction, Integer> slotOf = new WeakHashMap<>();
    @SuppressWarnings("unchecked")
    private final WeakReference<TaskFunction>[] inSlot = new WeakReference[Wire.SLOTS];
    private final long[] lastUse = new long[Wire.SLOTS];
    private long uses;
    private AllowList allowSent; // guarded by sendLock
    private volatile boolean ending;
    boolean eof;  // I/O thread only
    boolean gone; // I/O thread only: exited was reported

    ProcessWorker(Process process, Connection conn, WorkerEvents events) {
        this.process = process;
        this.conn = conn;
        this.events = events;
        this.name = process.name();
        this.pid = process.pid();
        this.sentinel = process.sentinel();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.of(pid);
    }

    // ---- to the worker --------------------------------------------------------------------

    @Override
    public void send(Chunk chunk) {
        if (ending) return;
        sendLock.lock();
        try {
            TaskFunction fn = chunk.function();
            Integer slot = slotOf.get(fn);
            boolean withFn = slot == null;
            if (withFn) slot = leastRecentlyUsedSlot();
            Codec codec = Serialization.codec();
            body.clear();
            try {
                codec.encode(new Object[] {withFn ? fn : null, Wire.pack(chunk.items())}, body);
            } catch (SerializationException e) {
                throw new SerializationException("cannot send this task to worker " + name + ": " + e.getMessage(), e);
            }
            AllowList now = Serialization.allowList(); // after encoding: sending a lambda may have added to it
            byte[] allow = now != allowSent ? codec.encode(Serialization.addedEntries().toArray(String[]::new)) : null;
            int len = Wire.TASK_HEADER + (allow != null ? 4 + allow.length : 0) + body.length();
            byte[] m = new byte[len];
            ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
            b.put(Wire.TASK).putLong(chunk.id()).putInt(chunk.size()).putInt(slot)
                    .put((byte) ((withFn ? Wire.FN : 0) | (allow != null ? Wire.ALLOW : 0)));
            if (allow != null) b.putInt(allow.length).put(allow);
            b.put(body.array(), 0, body.length());
            if (body.array().length > 1 << 20) body = new ByteSink(256); // do not keep a large task's buffer
            if (!write(m)) return;
            if (withFn) {
                TaskFunction old = inSlot[slot] != null ? inSlot[slot].get() : null;
                if (old != null) slotOf.remove(old);
                inSlot[slot] = new WeakReference<>(fn);
                slotOf.put(fn, slot);
            }
            lastUse[slot] = ++uses;
            allowSent = now;
        } finally {
            sendLock.unlock();
        }
    }

    private int leastRecentlyUsedSlot() {
        int best = 0;
        for (int i = 1; i < Wire.SLOTS; i++) if (lastUse[i] < lastUse[best]) best = i;
        return best;
    }

    /** Writes a message; false if the worker is gone (its exit is reported by the I/O thread). */
    private boolean write(byte[] m) {
        try {
            conn.sendBytes(m);
            return true;
        } catch (RuntimeException brokenOrClosed) {
            if (ending || !process.isAlive() || conn.isClosed()) return false;
            throw brokenOrClosed;
        }
    }

    @Override
    public void retire() {
        sendLock.lock();
        try {
            if (ending) return;
            write(new byte[] {Wire.RETIRE});
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    public void kill() {
        ending = true;
        try {
            if (process.isAlive()) process.terminate(); // SIGTERM: a concurrent4j child halts at once
        } catch (IllegalStateException alreadyClosed) {
            // it ended and was reported
        }
    }

    // ---- from the worker (the I/O thread) ------------------------------------------------------

    /** Reads and reports every message there is now. */
    void drain() {
        while (!eof) {
            byte[] m;
            try {
                if (!conn.poll()) return;
                m = conn.recvBytes();
            } catch (RuntimeException eofOrBroken) {
                eof = true; // end-of-file, or a writer that died mid-message: its sentinel follows
                return;
            }
            handle(m);
        }
    }

    private void handle(byte[] m) {
        Codec codec = Serialization.codec();
        switch (m[0]) {
            case Wire.READY -> events.ready(this);
            case Wire.INIT_FAILED -> {
                Throwable cause;
                try {
                    cause = ((RemoteFailure) codec.decode(m, 1, m.length - 1)).toThrowable();
                } catch (RuntimeException e) {
                    cause = e;
                }
                events.initializerFailed(this, cause);
            }
            case Wire.DONE -> {
                ByteBuffer h = Wire.header(m);
                long id = h.getLong(1);
                int n = h.getInt(9);
                Object[] outcomes;
                try {
                    outcomes = Wire.fromWire(Wire.unpack(codec.decode(m, Wire.DONE_HEADER, m.length - Wire.DONE_HEADER)));
                    if (outcomes.length != n) throw new SerializationException(outcomes.length + " outcomes for " + n + " items");
                } catch (RuntimeException e) {
                    outcomes = Wire.failures(n, new SerializationException(
                            "cannot decode the result of this task sent by worker " + name + ": " + e.getMessage(), e));
                }
                events.completed(this, id, outcomes);
            }
            default -> Reports.callbackFailed(LOGGER, "worker " + name + " sent an unknown message " + m[0], null);
        }
    }

    /** The process has ended and everything it sent was read: the last event. */
    void exited() {
        gone = true;
        ending = true;
        OptionalInt code = OptionalInt.empty();
        try {
            process.join(Duration.ofSeconds(5)); // reaps it; it has ended (its sentinel fired)
            code = process.exitCode();
            // not close(): the process runtime's exit hook may be joining this child at the same
            // moment (a JVM exiting with the pool still working), and a closed Process refuses join
        } catch (RuntimeException e) {
            Reports.callbackFailed(LOGGER, "cannot reap worker " + name, e);
        }
        sendLock.lock();
        try {
            conn.close();
        } finally {
            sendLock.unlock();
        }
        events.exited(this, code);
    }

    @Override
    public String toString() {
        return name + "(pid " + pid + ")";
    }
}
