package io.github.concurrent4j.multiprocessing.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.concurrent4j.multiprocessing.Waiter;

/**
 * Tells waiters when a socket has something to read: one selector thread
 * ({@code c4j-wait-selector}, a daemon started at first use) watches the sockets that
 * {@code Connections.wait} callers wait on and wakes their {@link Waiter}s. A waiting thread
 * cannot sleep in a selector and on futex words at once, so sockets reach it through this
 * thread (one hand-off, tens of microseconds).
 *
 * <p>A notification is one-shot: when a socket turns readable its waiters are woken and its
 * interest is cleared (else the selector would report the unread data over and over while the
 * woken threads run); a waiter that goes back to sleep re-arms it ({@link Registration#rearm}).
 * Every change to the selector's keys is made on the selector thread, so keys need no lock; a
 * waiter that leaves is removed at the thread's next wake-up (it may be woken once more, which
 * a waiter takes as a spurious wake-up), so that a wait costs one wake-up of this thread.
 */
final class SocketReadiness {
    private static volatile SocketReadiness instance;

    private final Selector selector;
    private final Queue<Runnable> changes = new ConcurrentLinkedQueue<>();

    private SocketReadiness() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the selector that waits on sockets", e);
        }
        Thread t = new Thread(this::loop, "c4j-wait-selector");
        t.setDaemon(true);
        t.start();
    }

    private static SocketReadiness get() {
        SocketReadiness s = instance;
        if (s == null) {
            synchronized (SocketReadiness.class) {
                s = instance;
                if (s == null) instance = s = new SocketReadiness();
            }
        }
        return s;
    }

    /** Wakes {@code waiter} when {@code channel} turns readable (or is closed), until the registration is closed. */
    static Waiter.Registration watch(SocketChannel channel, Waiter waiter) {
        SocketReadiness s = get();
        Watch w = new Watch(s, channel, waiter);
        s.change(() -> s.add(w));
        return w;
    }

    private void change(Runnable r) {
        changes.add(r);
        selector.wakeup();
    }

    /**
     * A change that need not take effect at once (a waiter leaving: a late wake-up is harmless),
     * made whenever the selector thread next wakes, which spares a wake-up per wait.
     */
    private void changeLater(Runnable r) {
        changes.add(r);
    }

    /** One waiter on one socket. */
    private static final class Watch implements Waiter.Registration {
        private final SocketReadiness owner;
        private final SocketChannel channel;
        private final Waiter waiter;
        private volatile boolean fired;

        Watch(SocketReadiness owner, SocketChannel channel, Waiter waiter) {
            this.owner = owner;
            this.channel = channel;
            this.waiter = waiter;
        }

        @Override
        public void rearm() {
            if (fired) {
                fired = false;
                owner.change(() -> owner.add(this));
            }
        }

        @Override
        public void close() {
            owner.changeLater(() -> owner.remove(this));
        }
    }

    // ---- on the selector thread ----------------------------------------------------------

    private void loop() {
        while (true) {
            try {
                Runnable r;
                while ((r = changes.poll()) != null) r.run();
                selector.select();
                fireSelected();
            } catch (Throwable t) {
                // A library thread never dies: whatever went wrong concerns one socket, whose waiter
                // re-checks its connection (and sees the error there) on its next wake-up or recheck.
                if (t instanceof VirtualMachineError e) throw e;
            }
        }
    }

    private void fireSelected() {
        for (SelectionKey k : selector.selectedKeys()) fire(k);
        selector.selectedKeys().clear();
    }

    @SuppressWarnings("unchecked")
    private void fire(SelectionKey k) {
        Set<Watch> watches = (Set<Watch>) k.attachment();
        for (Watch w : watches) {
            w.fired = true;
            w.waiter.wake();
        }
        try {
            k.interestOps(0);
        } catch (CancelledKeyException ignored) {
            // the socket was closed meanwhile: its waiters were woken and see that
        }
    }

    @SuppressWarnings("unchecked")
    private void add(Watch w) {
        SelectionKey k = w.channel.keyFor(selector);
        try {
            if (k != null && !k.isValid()) {
                selector.selectNow(); // flush the cancelled key before registering the channel again
                fireSelected();
                k = null;
            }
            if (k == null) k = w.channel.register(selector, 0, new HashSet<Watch>());
            ((Set<Watch>) k.attachment()).add(w);
            k.interestOps(SelectionKey.OP_READ);
        } catch (ClosedChannelException | CancelledKeyException e) {
            w.fired = true;
            w.waiter.wake(); // closed: the waiter's check says so
        } catch (IOException e) {
            w.fired = true;
            w.waiter.wake();
        }
    }

    @SuppressWarnings("unchecked")
    private void remove(Watch w) {
        SelectionKey k = w.channel.keyFor(selector);
        if (k == null || !k.isValid()) return;
        Set<Watch> watches = (Set<Watch>) k.attachment();
        watches.remove(w);
        if (watches.isEmpty()) k.cancel();
    }
}
