package io.github.concurrent4j.multiprocessing.managers;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.EOFException;
import io.github.concurrent4j.threading.Lock;
import io.github.concurrent4j.threading.RLock;
import io.github.concurrent4j.transport.SerializationException;

/**
 * One client connection served by one server thread (Python's {@code Server.serve_client}).
 * Because a client keeps one connection per thread, this thread stands for that client thread
 * on the server: an {@link RLock} or a {@code Condition} it acquires is owned by it.
 *
 * <p>What a session acquired and has not released is let go when it ends: an {@code RLock} (and
 * a condition's lock) always, since no one else could ever release it; a {@code Lock} only when
 * the client vanished without saying goodbye (killed, or its connection broken), since a
 * process that exits normally may have left a {@code Lock} held on purpose for another to
 * release, as Python allows.
 *
 * <p>A blocking call waits in slices of {@link #SLICE}; between slices the session checks
 * whether its client is still there (a client has at most one call outstanding per
 * connection, so anything readable is its goodbye or its end), so a killed waiter neither
 * takes a lock nor eats a queue item long after it died.
 *
 * <p>A client on this machine moves the session from the socket onto a shared-memory pipe it
 * made ({@code "ring"}, drawn in {@link Calls}); from then on the session reads and answers
 * there, and the pipe's end-of-file stands for the client's end.
 */
final class Session implements Runnable {
    /** How long a blocking call waits before it checks that its client is still there. */
    static final Duration SLICE = Duration.ofMillis(100);

    /** Thrown inside a blocking call whose client has gone: the session ends. */
    static final class ClientGone extends RuntimeException {
        ClientGone() {
            super("client gone", null, false, false);
        }
    }

    /** One slice of a blocking call: true when it succeeded within {@code slice}. */
    @FunctionalInterface
    interface Attempt {
        boolean tryFor(Duration slice) throws Exception;
    }

    private final Server server;
    private Connection conn; // the accepted socket, then (for a local client) its pipe
    private final Set<RLock> ownedRLocks = new LinkedHashSet<>();
    private boolean clean;
    private boolean onRing;

    Session(Server server, Connection conn) {
        this.server = server;
        this.conn = conn;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Object msg;
                try {
                    msg = conn.recv();
                } catch (SerializationException e) {
                    reply(Wire.Failure.of(e)); // the frame was consumed whole: the connection is still in step
                    continue;
                } catch (RuntimeException e) {
                    break; // end of file, or the connection broke: the client is gone
                }
                if (!(msg instanceof Wire.Request r)) {
                    reply(Wire.Failure.of(new IllegalArgumentException("not a manager request: "
                            + (msg == null ? "null" : msg.getClass().getName()))));
                    continue;
                }
                if (r.object() == Wire.SERVER && r.method().equals("bye")) {
                    clean = true;
                    break;
                }
                if (r.object() == Wire.SERVER && r.method().equals("ring")) {
                    if (!moveToRing(r)) break;
                    continue;
                }
                Object result;
                try {
                    result = server.dispatch(this, r);
                } catch (ClientGone g) {
                    break;
                } catch (Exception | StackOverflowError | LinkageError e) {
                    result = Wire.Failure.of(e);
                }
                if (!reply(result)) break;
                if (result == Server.STOPPED) {
                    server.stop();
                    break;
                }
            }
        } finally {
            releaseAbandoned();
            conn.close();
            server.ended(this);
        }
    }

    /**
     * Answers a local client's {@code "ring"}: the pipe end it sent (attached while the request
     * was decoded) becomes this session's connection once the client has been told so on the
     * socket. Refused, and the end closed, on a TCP manager or a session already on a pipe.
     */
    private boolean moveToRing(Wire.Request r) {
        Object end = r.args().length == 1 ? r.args()[0] : null;
        if (!(end instanceof Connection ring) || !(server.address() instanceof Address.Unix) || onRing) {
            if (end instanceof Connection c) c.close();
            return reply(Wire.Failure.of(new IllegalArgumentException(
                    "'ring' takes one pipe end, sent once by a client on the manager's Unix socket")));
        }
        if (!reply("ring")) {
            ring.close();
            return false;
        }
        conn.close();
        conn = ring;
        io.github.concurrent4j.transport.shm.ByteRing.spinAdaptivelyOnThisThread(); // see there: this thread serves requests
        onRing = true;
        return true;
    }

    /** Sends a result (or, if it cannot be encoded, the failure to encode it); false if the client is gone. */
    private boolean reply(Object result) {
        try {
            conn.send(result == Server.STOPPED ? null : result);
            return true;
        } catch (SerializationException e) {
            try {
                conn.send(Wire.Failure.of(e));
                return true;
            } catch (RuntimeException gone) {
                return false;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Runs {@code attempt} in slices until it succeeds (true), {@code timeoutNanos} passes
     * (false; negative means forever), or the client goes ({@link ClientGone}).
     */
    boolean block(long timeoutNanos, Attempt attempt) throws Exception {
        long slice = SLICE.toNanos();
        long deadline = System.nanoTime() + (timeoutNanos < 0 ? 0 : timeoutNanos);
        while (true) {
            long left = timeoutNanos < 0 ? slice : deadline - System.nanoTime();
            if (attempt.tryFor(Duration.ofNanos(Math.max(0, Math.min(left, slice))))) return true;
            if (timeoutNanos >= 0 && deadline - System.nanoTime() <= 0) return false;
            if (clientGone()) throw new ClientGone();
        }
    }

    /** Whether the client has gone (or said goodbye) while a call of it was in progress. */
    private boolean clientGone() {
        try {
            if (!conn.poll()) return false;
            Object m = conn.recv();
            if (m instanceof Wire.Request r && r.object() == Wire.SERVER && r.method().equals("bye")) clean = true;
            return true;
        } catch (EOFException e) {
            return true;
        } catch (RuntimeException e) {
            return true; // a second call while one is in progress is not this protocol: end it
        }
    }

    /** Records that this session's thread acquired {@code lock}. */
    void acquired(Lock lock) {
        server.lockHolders.put(lock, this);
    }

    /** Records that {@code lock} was released (by whichever session). */
    void released(Lock lock) {
        server.lockHolders.remove(lock);
    }

    /** Records that this session's thread acquired {@code lock} (it owns it). */
    void acquired(RLock lock) {
        ownedRLocks.add(lock);
    }

    private void releaseAbandoned() {
        for (RLock r : ownedRLocks) {
            while (r.isHeldByCurrentThread()) r.release();
        }
        if (clean) return;
        server.lockHolders.forEach((lock, holder) -> {
            if (holder == this && server.lockHolders.remove(lock, this)) {
                try {
                    lock.release();
                } catch (RuntimeException alreadyReleased) {
                    // released meanwhile by another session
                }
            }
        });
    }
}
