package io.github.concurrent4j.coroutine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * The socket side of a {@link Loop}: one {@link Selector}, opened on the first wait, that the
 * loop polls at every round boundary and blocks on when nothing else is runnable. Owned by the
 * loop's baton holder, like the rest of the loop's state.
 *
 * <p>Interest bookkeeping: read interest stays registered after it fires as long as a fiber
 * was waiting for it (the usual read–handle–read loop then costs no {@code epoll_ctl} per
 * wait), and is dropped when it fires with nobody waiting; write and connect interest are
 * dropped as soon as they fire (writability is level-triggered and almost always true).
 */
final class LoopIo {
    private final Loop loop;
    private Selector selector;
    int registered;

    LoopIo(Loop loop) {
        this.loop = loop;
    }

    /** Whether the selector has channels (or cancelled keys still to flush). */
    boolean active() {
        return selector != null && (registered > 0 || !selector.keys().isEmpty());
    }

    void wakeup() {
        Selector s = selector;
        if (s != null) s.wakeup();
    }

    /** Polls (waitNanos 0), waits up to waitNanos, or waits without a deadline (-1). */
    void select(long waitNanos) {
        try {
            if (waitNanos == 0) {
                selector.selectNow(this::onKey);
                return;
            }
            loop.idleThread = Thread.currentThread();
            loop.idleSelecting = true;
            loop.idle = true;
            try {
                if (loop.incomingEmpty()) {
                    long ms = waitNanos < 0 ? 0 : Math.max(1, (waitNanos + 999_999) / 1_000_000);
                    selector.select(this::onKey, ms);
                } else {
                    selector.selectNow(this::onKey);
                }
            } finally {
                loop.idle = false;
                loop.idleSelecting = false;
            }
            if (Thread.interrupted()) loop.interruptedWhileIdle = true;   // select returns at once while set
        } catch (IOException e) {
            throw new UncheckedIOException("selector of " + loop.name() + " failed", e);
        }
    }

    boolean await(IoHandle h, int op, long timeoutNanos) {
        Fiber self = loop.current();
        boolean read = (op & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0;
        Waiter slot = read ? h.reader : h.writer;
        if (slot != null && !slot.done) {
            throw new IllegalStateException("another greenlet/task (" + slot.fiber + ") already waits to "
                    + (read ? "read from" : "write to") + " " + h.channel);
        }
        if (h.closed) throw new UncheckedIOException(new ClosedChannelException());
        Waiter w = new Waiter(self, false);
        if (read) h.reader = w;
        else h.writer = w;
        interest(h, op);
        Timer t = timeoutNanos >= 0 ? loop.callLater(timeoutNanos, () -> loop.resolve(w, Boolean.FALSE)) : null;
        try {
            return (Boolean) loop.suspend(w);
        } finally {
            if (read) {
                if (h.reader == w) h.reader = null;
            } else if (h.writer == w) {
                h.writer = null;
            }
            if (t != null) t.cancel();
        }
    }

    private void interest(IoHandle h, int op) {
        try {
            if (h.key == null) {
                if (selector == null) selector = Selector.open();
                h.key = h.channel.register(selector, op, h);
                h.interest = op;
                registered++;
            } else if ((h.interest & op) != op) {
                h.interest |= op;
                h.key.interestOps(h.interest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void onKey(SelectionKey k) {
        IoHandle h = (IoHandle) k.attachment();
        if (!k.isValid()) return;
        int r = k.readyOps();
        int keep = h.interest;
        if ((r & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            Waiter w = h.reader;
            if (w == null || !loop.resolve(w, Boolean.TRUE)) keep &= ~(SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
            h.reader = null;
        }
        if ((r & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            Waiter w = h.writer;
            if (w != null) loop.resolve(w, Boolean.TRUE);
            h.writer = null;
            keep &= ~(SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT);
        }
        if (keep != h.interest) {
            h.interest = keep;
            k.interestOps(keep);
        }
    }

    void close(IoHandle h) {
        if (h.closed) return;
        h.closed = true;
        RuntimeException closedError = new UncheckedIOException("socket closed while waiting on it",
                new ClosedChannelException());
        if (h.reader != null) loop.fail(h.reader, closedError);
        if (h.writer != null) loop.fail(h.writer, closedError);
        h.reader = h.writer = null;
        try {
            if (h.key != null) {
                h.key.cancel();
                registered--;
            }
            h.channel.close();
            // flush the cancelled key now, so that the channel is really closed and the peer
            // sees it (a registered channel's close completes at the selector's next select)
            if (h.key != null && !loop.inCallback && selector != null) selector.selectNow(this::onKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void closeSelector() {
        try {
            if (selector != null) selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
