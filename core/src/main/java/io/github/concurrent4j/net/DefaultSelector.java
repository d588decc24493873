package io.github.concurrent4j.net;

import static io.github.concurrent4j.net.Selectors.EVENT_READ;
import static io.github.concurrent4j.net.Selectors.EVENT_WRITE;
import static java.nio.channels.SelectionKey.OP_ACCEPT;
import static java.nio.channels.SelectionKey.OP_CONNECT;
import static java.nio.channels.SelectionKey.OP_READ;
import static java.nio.channels.SelectionKey.OP_WRITE;

import io.github.concurrent4j.InterruptedRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The equivalent of Python's {@code selectors.DefaultSelector}: waits for several channels at
 * once and reports which of them are ready to read or to write (I/O multiplexing). Open one
 * with {@link Selectors#defaultSelector()}.
 *
 * <pre>{@code
 * try (DefaultSelector<Callback> sel = Selectors.defaultSelector()) {
 *     server.configureBlocking(false);                  // Python: sock.setblocking(False)
 *     sel.register(server, EVENT_READ, this::accept);   // data: here, a callback
 *     while (true)
 *         for (var ready : sel.select())                // blocks until something is ready
 *             ready.key().data().call(ready.key().channel(), ready.events());
 * }
 * }</pre>
 *
 * <p>It is a thin layer over {@link Selector} (epoll on Linux) that speaks Python's vocabulary:
 * two events instead of NIO's four operations ({@link Selectors#EVENT_READ} means
 * {@code OP_READ}, or {@code OP_ACCEPT} for a listening channel; {@link Selectors#EVENT_WRITE}
 * means {@code OP_WRITE}, plus {@code OP_CONNECT} for a socket channel whose connection is
 * pending), immutable {@link SelectorKey}s, and {@link #select} returning a list of
 * {@link Ready} pairs. Readiness is level-triggered, as in Python: a channel that is still
 * readable is reported again by the next {@code select}.
 *
 * <p>Differences from Python:
 * <ul>
 *   <li>Only {@link SelectableChannel}s can be registered, and they must be in non-blocking mode
 *       (NIO's rule; Python's {@code select} would also accept a blocking socket): otherwise
 *       {@code register} throws {@link IllegalArgumentException} saying so.</li>
 *   <li>{@link #modify(SelectableChannel, int)} without data keeps the attached data (Python's
 *       {@code modify(f, events)} silently resets it to {@code None}); pass the data to replace it.</li>
 *   <li>Bad input throws {@link IllegalArgumentException} (Python: {@code ValueError} /
 *       {@code KeyError}); using a closed selector throws {@link IllegalStateException}.</li>
 *   <li>Extra: {@link #wakeup()} makes a blocked {@code select} return at once (what Python code
 *       does with a self-pipe). {@code select} may then return an empty list.</li>
 *   <li>A thread interrupted while in {@code select} gets {@link InterruptedRuntimeException}
 *       (its interrupt status stays set).</li>
 * </ul>
 *
 * <p>Thread safety: one thread selects at a time (a second thread calling {@code select}
 * waits for the first). {@code register}, {@code modify}, {@code unregister}, {@code getKey},
 * {@code getMap}, {@code wakeup} and {@code close} may be called from any thread; a
 * registration changed by another thread while one is blocked in {@code select} wakes that
 * {@code select}, so the change takes effect at once rather than at the next timeout.
 *
 * <p>Memory consistency effects: actions in a thread prior to {@code register} or
 * {@code modify} happen-before actions that follow a {@code select} that reports the key they
 * returned, in the selecting thread.
 *
 * @param <D> the type of the data attached to each registration
 */
public final class DefaultSelector<D> implements AutoCloseable {
    // Implementation notes. Each registration is a NIO SelectionKey whose attachment is our
    // immutable SelectorKey; `keys` maps each channel to its NIO key so that getKey/getMap
    // need no walk of Selector.keys() (which is not safe to iterate concurrently). All
    // changes of `keys` and of NIO interest sets happen under `lock`; select() does not take
    // it, so registration never waits for a blocked select. NIO defers a cancelled key's
    // deregistration to the next selection, and refuses to register the channel again until
    // then (CancelledKeyException); Python allows unregister-then-register at once, so
    // register() flushes cancelled keys with a selectNow when it meets one (see flushCancelled).

    private final Selector selector;
    private final Map<SelectableChannel, SelectionKey> keys = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /** The thread blocked in select, if any: changes made by other threads wake it. */
    private volatile Thread selecting;

    DefaultSelector() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /**
     * Python's {@code register(fileobj, events)}: watches {@code channel} for {@code events},
     * with no data attached.
     *
     * @see #register(SelectableChannel, int, Object)
     */
    public SelectorKey<D> register(SelectableChannel channel, int events) {
        return register(channel, events, null);
    }

    /**
     * Python's {@code register(fileobj, events, data)}: watches {@code channel} for
     * {@code events} and attaches {@code data} (which {@code select} hands back in the key).
     *
     * @param channel a channel in non-blocking mode, not registered with this selector
     * @param events  {@link Selectors#EVENT_READ}, {@link Selectors#EVENT_WRITE} or both, which
     *                the channel must support (a listening channel cannot be written)
     * @param data    anything, e.g. the callback to run when the channel is ready; may be null
     * @return the new key
     * @throws IllegalArgumentException if the channel is null, closed, blocking, already
     *                                  registered, or the events are invalid for it
     * @throws IllegalStateException    if this selector is closed
     */
    public SelectorKey<D> register(SelectableChannel channel, int events, D data) {
        Objects.requireNonNull(channel, "channel");
        SelectorKey<D> key = new SelectorKey<>(channel, events, data);
        int ops = interestOps(channel, events);
        synchronized (lock) {
            ensureOpen();
            if (keys.containsKey(channel)) {
                throw new IllegalArgumentException(channel + " is already registered (use modify to change its events)");
            }
            checkRegistrable(channel);
            SelectionKey nio = channel.keyFor(selector);
            if (nio != null && !nio.isValid()) flushCancelled();
            try {
                nio = channel.register(selector, ops, key);
            } catch (ClosedChannelException e) {
                throw new IllegalArgumentException("cannot register a closed channel: " + channel, e);
            } catch (ClosedSelectorException e) {
                throw closed(e);
            }
            keys.put(channel, nio);
        }
        wakeIfOtherThreadSelects();
        return key;
    }

    /**
     * Python's {@code modify(fileobj, events)}, keeping the attached data (Python would reset it
     * to {@code None}: see the class comment).
     *
     * @return the new key
     * @throws IllegalArgumentException if the channel is not registered or the events are invalid
     * @throws IllegalStateException    if this selector is closed
     */
    public SelectorKey<D> modify(SelectableChannel channel, int events) {
        Objects.requireNonNull(channel, "channel");
        synchronized (lock) {
            return modify(channel, events, current(channel).data());
        }
    }

    /**
     * Python's {@code modify(fileobj, events, data)}: changes the events a registered channel
     * is watched for, and its data. Cheaper than {@code unregister} then {@code register}.
     *
     * @return the new key
     * @throws IllegalArgumentException if the channel is not registered (or is closed) or the
     *                                  events are invalid for it
     * @throws IllegalStateException    if this selector is closed
     */
    public SelectorKey<D> modify(SelectableChannel channel, int events, D data) {
        Objects.requireNonNull(channel, "channel");
        SelectorKey<D> key = new SelectorKey<>(channel, events, data);
        int ops = interestOps(channel, events);
        synchronized (lock) {
            current(channel);
            SelectionKey nio = keys.get(channel);
            try {
                nio.interestOps(ops);
                nio.attach(key);
            } catch (CancelledKeyException e) {
                keys.remove(channel);
                throw new IllegalArgumentException(channel + " was closed while registered; it is now unregistered", e);
            }
        }
        wakeIfOtherThreadSelects();
        return key;
    }

    /**
     * Python's {@code unregister(fileobj)}: stops watching {@code channel}. Works also on a
     * channel that was closed while registered (unregister before closing, as in Python, or
     * after: both are fine). The channel may be put back in blocking mode afterwards.
     *
     * @return the key the channel had
     * @throws IllegalArgumentException if the channel is not registered
     * @throws IllegalStateException    if this selector is closed
     */
    public SelectorKey<D> unregister(SelectableChannel channel) {
        Objects.requireNonNull(channel, "channel");
        synchronized (lock) {
            SelectorKey<D> key = current(channel);
            keys.remove(channel).cancel();
            return key;
        }
    }

    /**
     * Python's {@code select()}: waits until at least one registered channel is ready (or
     * {@link #wakeup()} is called), and returns the ready ones with the events they are ready
     * for. Blocks for ever if nothing is registered and nobody wakes it.
     *
     * @return the ready keys, each with a non-empty subset of its registered events
     * @throws InterruptedRuntimeException if the thread is interrupted while waiting
     * @throws IllegalStateException       if this selector is (or gets) closed
     */
    public List<Ready<D>> select() {
        return doSelect(-1);
    }

    /**
     * Python's {@code select(timeout)}: as {@link #select()}, but returns an empty list after
     * {@code timeout}; {@link Duration#ZERO} polls without waiting (Python's {@code timeout <= 0}).
     *
     * @throws IllegalArgumentException    if the timeout is null or negative
     * @throws InterruptedRuntimeException if the thread is interrupted while waiting
     * @throws IllegalStateException       if this selector is (or gets) closed
     */
    public List<Ready<D>> select(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout (use select() to wait without a timeout)");
        if (timeout.isNegative()) throw new IllegalArgumentException("negative timeout: " + timeout);
        return doSelect(toMillisRoundedUp(timeout));
    }

    /** Makes a {@code select} blocked in another thread return now (or the next one, if none is). */
    public void wakeup() {
        selector.wakeup();
    }

    /**
     * Python's {@code get_key(fileobj)}.
     *
     * @return the key of {@code channel}, or empty if it is not registered
     * @throws IllegalStateException if this selector is closed
     */
    public Optional<SelectorKey<D>> getKey(SelectableChannel channel) {
        Objects.requireNonNull(channel, "channel");
        ensureOpen();
        SelectionKey nio = keys.get(channel);
        return nio == null ? Optional.empty() : Optional.of(attachment(nio));
    }

    /**
     * Python's {@code get_map()}: the registrations, channel to key.
     *
     * @return an unmodifiable snapshot
     * @throws IllegalStateException if this selector is closed
     */
    public Map<SelectableChannel, SelectorKey<D>> getMap() {
        ensureOpen();
        Map<SelectableChannel, SelectorKey<D>> map = new java.util.HashMap<>();
        keys.forEach((ch, nio) -> map.put(ch, attachment(nio)));
        return Collections.unmodifiableMap(map);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return !selector.isOpen();
    }

    /**
     * Python's {@code close()}: forgets every registration and releases the selector. The
     * channels stay open. A {@code select} blocked in another thread returns with
     * {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            keys.clear();
            try {
                selector.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing the selector", e);
            }
        }
    }

    @Override
    public String toString() {
        return "DefaultSelector[" + (isClosed() ? "closed" : keys.size() + " registered") + "]";
    }

    /**
     * One entry of {@link #select}'s result: Python's {@code (key, events)} tuple.
     *
     * @param key    the registration that is ready
     * @param events the events it is ready for (a non-empty subset of {@code key.events()})
     * @param <D>    the type of the attached data
     */
    public record Ready<D>(SelectorKey<D> key, int events) {
        /** Whether {@link Selectors#EVENT_READ} is among the ready events. */
        public boolean isReadable() {
            return (events & EVENT_READ) != 0;
        }

        /** Whether {@link Selectors#EVENT_WRITE} is among the ready events. */
        public boolean isWritable() {
            return (events & EVENT_WRITE) != 0;
        }

        @Override
        public String toString() {
            return "Ready[" + key + ", events=" + Selectors.describe(events) + "]";
        }
    }

    // ---------------------------------------------------------------- internals

    /** @param millis -1 to wait for ever, 0 to poll, else the timeout in milliseconds */
    private List<Ready<D>> doSelect(long millis) {
        ensureOpen();
        List<Ready<D>> ready = new ArrayList<>();
        Consumer<SelectionKey> collect = nio -> {
            try {
                int events = readyEvents(nio.readyOps());
                SelectorKey<D> key = attachment(nio);
                events &= key.events();
                if (events != 0) ready.add(new Ready<>(key, events));
            } catch (CancelledKeyException e) {
                // unregistered by another thread meanwhile: not reported, as in Python
            }
        };
        selecting = Thread.currentThread();
        try {
            if (millis == 0) {
                selector.selectNow(collect);
            } else {
                selector.select(collect, millis < 0 ? 0 : millis);   // NIO: 0 means "no timeout"
            }
        } catch (IOException e) {
            throw new UncheckedIOException("select failed", e);
        } catch (ClosedSelectorException e) {
            throw closed(e);
        } finally {
            selecting = null;
        }
        if (!selector.isOpen()) {
            // closed by another thread while we waited: NIO returns normally, which would let a
            // select loop spin on a dead selector
            throw new IllegalStateException("the selector was closed while selecting");
        }
        if (Thread.currentThread().isInterrupted()) {
            // NIO returns early, leaving the status set; readiness is level-triggered, so
            // the dropped events are reported again by the next select.
            throw new InterruptedRuntimeException("interrupted while selecting");
        }
        return ready;
    }

    /** Flushes cancelled keys out of the NIO selector so that their channels may register again. */
    private void flushCancelled() {
        // selectNow deregisters cancelled keys. If another thread is blocked in select it holds
        // the selector's selection lock: wake it so that selectNow does not wait for its timeout.
        // The ready keys selectNow sees are not lost: readiness is level-triggered.
        selector.wakeup();
        try {
            selector.selectNow(nio -> { });
        } catch (IOException e) {
            throw new UncheckedIOException("select failed", e);
        } catch (ClosedSelectorException e) {
            throw closed(e);
        }
    }

    private void wakeIfOtherThreadSelects() {
        Thread t = selecting;
        if (t != null && t != Thread.currentThread()) selector.wakeup();
    }

    private SelectorKey<D> current(SelectableChannel channel) {
        ensureOpen();
        SelectionKey nio = keys.get(channel);
        if (nio == null) throw new IllegalArgumentException(channel + " is not registered");
        return attachment(nio);
    }

    @SuppressWarnings("unchecked")
    private static <D> SelectorKey<D> attachment(SelectionKey nio) {
        return (SelectorKey<D>) nio.attachment();
    }

    private void ensureOpen() {
        if (!selector.isOpen()) throw new IllegalStateException("the selector is closed");
    }

    private static IllegalStateException closed(ClosedSelectorException e) {
        return new IllegalStateException("the selector is closed", e);
    }

    private static void checkRegistrable(SelectableChannel channel) {
        if (!channel.isOpen()) throw new IllegalArgumentException("cannot register a closed channel: " + channel);
        if (channel.isBlocking()) {
            throw new IllegalArgumentException(channel + " is in blocking mode; call configureBlocking(false) "
                    + "(Python's setblocking(False)) before registering it");
        }
    }

    static void checkEvents(int events) {
        if (events == 0 || (events & ~(EVENT_READ | EVENT_WRITE)) != 0) {
            throw new IllegalArgumentException("invalid events: " + Selectors.describe(events)
                    + " (expected EVENT_READ, EVENT_WRITE or both)");
        }
    }

    /** Python's events as NIO interest operations for this kind of channel. */
    static int interestOps(SelectableChannel channel, int events) {
        checkEvents(events);
        int valid = channel.validOps();
        int ops = 0;
        if ((events & EVENT_READ) != 0) {
            ops |= (valid & OP_ACCEPT) != 0 ? OP_ACCEPT : OP_READ;
        }
        if ((events & EVENT_WRITE) != 0) {
            // A non-blocking connect completes when the socket becomes writable, as in Python;
            // NIO reports that as OP_CONNECT (and only while the connection is pending).
            ops |= OP_WRITE | (valid & OP_CONNECT);
        }
        if ((ops & ~valid) != 0) {
            throw new IllegalArgumentException("a " + channel.getClass().getSimpleName() + " cannot be selected for "
                    + Selectors.describe(events));
        }
        return ops;
    }

    static int readyEvents(int readyOps) {
        int events = 0;
        if ((readyOps & (OP_READ | OP_ACCEPT)) != 0) events |= EVENT_READ;
        if ((readyOps & (OP_WRITE | OP_CONNECT)) != 0) events |= EVENT_WRITE;
        return events;
    }

    static long toMillisRoundedUp(Duration timeout) {
        if (timeout.isZero()) return 0;
        long millis = TimeUnit.MILLISECONDS.convert(timeout);          // saturates
        if (millis == Long.MAX_VALUE) return millis;
        return timeout.minusMillis(millis).isZero() ? millis : millis + 1;  // never 0: that would poll
    }
}
