package io.github.concurrent4j.multiprocessing.pool.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.transport.ByteSink;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.Serialization;

/**
 * The body of a pool's worker process (CPython's {@code multiprocessing.pool.worker}): runs the
 * initializer, says it is ready, then runs the chunks it receives one at a time, in order, and
 * sends back each one's outcomes, until told to retire or the parent's end closes. See
 * {@link Wire} for the messages.
 *
 * <p>A reader thread ({@code c4j-pool-worker-reader}) takes messages off the pipe as they come,
 * so that the parent's sends never wait for a running task (the parent sends from the thread
 * that reads results: were it blocked on a full ring while this worker is blocked writing a
 * large result, both would wait forever).
 *
 * <p>Every failure becomes an outcome, never a dead worker: a task that cannot be decoded
 * fails its items with the decoding error; a result that cannot be encoded becomes a failure
 * naming it (CPython's {@code MaybeEncodingError}), item by item.
 */
public final class ProcessWorkerMain {
    private static final byte[] END = new byte[0];
    private static final String MAYBE_ENCODING_ERROR = "io.github.concurrent4j.multiprocessing.pool.MaybeEncodingException";

    private ProcessWorkerMain() {}

    /** Runs the worker on its end of the pipe; returns when it is done (the process then exits). */
    public static void run(Connection conn, SerializableRunnable initializer) {
        Codec codec = Serialization.codec();
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable t) {
                ByteSink s = new ByteSink(256);
                s.write(Wire.INIT_FAILED);
                codec.encode(RemoteFailure.of(t), s);
                conn.sendBytes(s.array(), 0, s.length());
                conn.close();
                return;
            }
        }
        LinkedBlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofPlatform().daemon(true).name("c4j-pool-worker-reader").start(() -> {
            try {
                for (;;) inbox.add(conn.recvBytes());
            } catch (Throwable endOrBroken) {
                // EOF (the parent closed its end) or a broken pipe: the worker ends after what it has
            } finally {
                inbox.add(END);
            }
        });
        conn.sendBytes(new byte[] {Wire.READY});
        TaskFunction[] functions = new TaskFunction[Wire.SLOTS];
        ByteSink out = new ByteSink(1024);
        try {
            for (;;) {
                byte[] m = inbox.take();
                if (m == END || m[0] == Wire.RETIRE) break;
                ByteBuffer h = Wire.header(m);
                h.get();
                long id = h.getLong();
                int n = h.getInt();
                int slot = h.getInt();
                byte flags = h.get();
                Object[] outcomes;
                try {
                    int at = Wire.TASK_HEADER;
                    if ((flags & Wire.ALLOW) != 0) {
                        int len = h.getInt(at);
                        at += 4;
                        Serialization.inherit(List.of((String[]) codec.decode(m, at, len)));
                        at += len;
                    }
                    Object[] body = (Object[]) codec.decode(m, at, m.length - at);
                    if ((flags & Wire.FN) != 0) functions[slot] = (TaskFunction) body[0];
                    TaskFunction fn = functions[slot];
                    if (fn == null) throw new IllegalStateException("no function in slot " + slot + " (a bug)");
                    outcomes = Wire.toWire(Chunk.run(fn, Wire.unpack(body[1])));
                } catch (Throwable t) {
                    outcomes = Wire.toWire(Wire.failures(n, new io.github.concurrent4j.transport.SerializationException(
                            "the worker could not decode its task: " + t, t)));
                }
                m = null;
                send(conn, out, id, n, outcomes);
                if (out.array().length > 1 << 20) out = new ByteSink(1024); // do not keep a large result's buffer
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            conn.close();
            reader.interrupt();
        }
    }

    /** Sends a DONE; a result that cannot be encoded becomes a failure naming it, item by item. */
    private static void send(Connection conn, ByteSink out, long id, int n, Object[] outcomes) {
        try {
            Wire.done(out, id, n, outcomes);
        } catch (RuntimeException | StackOverflowError whole) {
            Object[] fixed = outcomes.clone();
            Codec codec = Serialization.codec();
            for (int i = 0; i < fixed.length; i++) {
                try {
                    codec.encode(fixed[i]);
                } catch (RuntimeException | StackOverflowError e) {
                    // built by name: the class is the pool's public MaybeEncodingException
                    fixed[i] = new RemoteFailure(MAYBE_ENCODING_ERROR,
                            "Error sending result: '" + describe(fixed[i]) + "'. Reason: '" + e + "'", new String[0],
                            RemoteFailure.of(e));
                }
            }
            Wire.done(out, id, n, fixed);
        }
        conn.sendBytes(out.array(), 0, out.length());
    }

    private static String describe(Object o) {
        try {
            String s = String.valueOf(o);
            return s.length() > 200 ? s.substring(0, 200) + "..." : s;
        } catch (Throwable t) {
            return o.getClass().getName() + " (toString() threw " + t + ")";
        }
    }
}
