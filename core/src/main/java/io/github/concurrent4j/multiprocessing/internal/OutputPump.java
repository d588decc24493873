package io.github.concurrent4j.multiprocessing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Copies a child's stdout or stderr to this process's {@code System.out} / {@code System.err},
 * a line at a time, until the child closes it.
 *
 * <p>Why not let the child inherit our file descriptors, as Python's children do: a Java
 * application (a test runner, a server with a logging bridge) often replaces
 * {@code System.out}, and output written to file descriptor 1 behind its back is lost or
 * corrupts it. Forwarding whole lines keeps a child's line from being cut by another's. The
 * target stream is looked up for every line, so a later {@code System.setOut} is honoured.
 * Bytes are copied as they are; a last line without a newline is forwarded at end-of-file. When
 * this process's stream is null or broken, the lines are dropped (a Python child with a broken
 * parent stream still runs, CPython's {@code test_error_on_stdio_flush_1}).
 */
final class OutputPump implements Runnable {
    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final Supplier<PrintStream> target;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean silenced;

    private OutputPump(InputStream in, Supplier<PrintStream> target) {
        this.in = in;
        this.target = target;
    }

    static OutputPump start(InputStream in, Supplier<PrintStream> target, String threadName) {
        OutputPump p = new OutputPump(in, target);
        Thread t = new Thread(null, p, threadName, 64 * 1024);
        t.setDaemon(true);
        t.start();
        return p;
    }

    @Override
    public void run() {
        byte[] buf = new byte[8192];
        byte[] line = new byte[256];
        int lineLen = 0;
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (lineLen == line.length) line = Arrays.copyOf(line, line.length * 2);
                    line[lineLen++] = buf[i];
                    if (buf[i] == '\n' || lineLen >= MAX_LINE) {
                        emit(line, lineLen);
                        lineLen = 0;
                    }
                }
            }
        } catch (IOException ignored) {
            // the child is gone; forward what we have
        } finally {
            if (lineLen > 0) emit(line, lineLen);
            done.countDown();
        }
    }

    /**
     * From now on, drops what the child prints: a JVM that the library gave up on (a standby
     * still booting when this process exits) has nothing to say to the user.
     */
    void silence() {
        silenced = true;
    }

    /** Forwards a line; a target the application set to null (or broke) drops it, never the pump. */
    private void emit(byte[] line, int len) {
        PrintStream out = target.get();
        if (out == null || silenced) return;
        try {
            out.write(line, 0, len);
            out.flush();
        } catch (RuntimeException e) {
            // a broken stream of the application's: its lines are lost, as they would be in the parent
        }
    }

    /** Waits until the child's end of the stream is closed and everything is forwarded. */
    boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    boolean isDone() {
        return done.getCount() == 0;
    }
}
