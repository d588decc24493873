package io.github.concurrent4j.net;

import java.nio.channels.SelectableChannel;
import java.util.Objects;

/**
 * The equivalent of Python's {@code selectors.SelectorKey}: one registration of a
 * {@link DefaultSelector} — the channel, the events it is watched for, and the data attached
 * to it.
 *
 * <p>Differences from Python: the channel is {@link #channel()} (Python's {@code fileobj});
 * there is no {@code fd} component, because the JDK does not expose a channel's descriptor.
 * {@code data} is {@code null} when the channel was registered without data (Python's
 * {@code None}).
 *
 * <p>Thread safety: immutable. {@link DefaultSelector#modify} returns a new key rather than
 * changing this one, as in Python, where the key is a named tuple.
 *
 * <p>Memory consistency effects: the components are final, so a key is safely published;
 * the state of the {@code data} object itself is governed by {@link DefaultSelector}'s
 * guarantee (actions before {@code register}/{@code modify} happen-before the {@code select}
 * that reports the key).
 *
 * @param channel the registered channel (Python's {@code fileobj})
 * @param events  {@link Selectors#EVENT_READ}, {@link Selectors#EVENT_WRITE} or both
 * @param data    the attached data, or {@code null}
 * @param <D>     the type of the attached data
 */
public record SelectorKey<D>(SelectableChannel channel, int events, D data) {
    /** Checks the components. */
    public SelectorKey {
        Objects.requireNonNull(channel, "channel");
        DefaultSelector.checkEvents(events);
    }

    @Override
    public String toString() {
        return "SelectorKey[channel=" + channel + ", events=" + Selectors.describe(events) + ", data=" + data + "]";
    }
}
