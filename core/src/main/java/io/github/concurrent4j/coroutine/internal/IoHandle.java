package io.github.concurrent4j.coroutine.internal;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A non-blocking channel as seen by one loop: its selection key (registered lazily, on the
 * first wait) and the at most one reader and one writer waiting on it. Owned by the loop's
 * baton holder.
 */
public final class IoHandle {
    final Loop loop;
    final SelectableChannel channel;
    SelectionKey key;
    int interest;
    Waiter reader;
    Waiter writer;
    boolean closed;

    IoHandle(Loop loop, SelectableChannel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /** The loop whose fibers may wait on this handle. */
    public Loop loop() {
        return loop;
    }

    /** Whether {@link Loop#closeIo} closed it. */
    public boolean closed() {
        return closed;
    }
}
