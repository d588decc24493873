package io.github.concurrent4j.net;

import static io.github.concurrent4j.net.Selectors.EVENT_READ;
import static io.github.concurrent4j.net.Selectors.EVENT_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.concurrent4j.InterruptedRuntimeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link DefaultSelector} on real loopback sockets: Python's selectors contract and its bad inputs. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
@Tag("integration")
class DefaultSelectorTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private DefaultSelector<String> sel;
    private ServerSocketChannel listener;

    @BeforeEach
    void open() throws IOException {
        sel = Selectors.defaultSelector();
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        toClose.add(listener);
    }

    @AfterEach
    void close() throws Exception {
        sel.close();
        for (AutoCloseable c : toClose) c.close();
    }

    /** A connected pair of non-blocking channels: [client, server side]. */
    private SocketChannel[] pair() throws IOException {
        SocketChannel client = SocketChannel.open(listener.getLocalAddress());
        SocketChannel server = listener.accept();
        client.configureBlocking(false);
        server.configureBlocking(false);
        toClose.add(client);
        toClose.add(server);
        return new SocketChannel[] {client, server};
    }

    private static void send(SocketChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes());
        while (b.hasRemaining()) ch.write(b);
    }

    @Test
    void readableChannelIsReportedWithItsKeyAndData() throws IOException {
        SocketChannel[] p = pair();
        SelectorKey<String> key = sel.register(p[1], EVENT_READ, "conn-1");
        assertThat(key).isEqualTo(new SelectorKey<>(p[1], EVENT_READ, "conn-1"));
        assertThat(sel.select(Duration.ZERO)).isEmpty();

        send(p[0], "hello");
        List<DefaultSelector.Ready<String>> ready = sel.select(Duration.ofSeconds(5));

        assertThat(ready).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.events()).isEqualTo(EVENT_READ);
            assertThat(r.isReadable()).isTrue();
            assertThat(r.isWritable()).isFalse();
        });
        // level-triggered, as in Python: still unread, so reported again
        assertThat(sel.select(Duration.ZERO)).hasSize(1);
    }

    @Test
    void selectWithTimeoutReturnsEmptyAfterTheTimeout() {
        sel.register(nonBlocking(listener), EVENT_READ);
        long t0 = System.nanoTime();
        assertThat(sel.select(Duration.ofMillis(150))).isEmpty();
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(elapsedMs).isBetween(140L, 5_000L);
    }

    @Test
    void listeningChannelIsReadableWhenAConnectionWaits() throws IOException {
        sel.register(nonBlocking(listener), EVENT_READ, "accept");
        toClose.add(SocketChannel.open(listener.getLocalAddress()));
        List<DefaultSelector.Ready<String>> ready = sel.select(Duration.ofSeconds(5));
        assertThat(ready).singleElement().satisfies(r -> {
            assertThat(r.key().data()).isEqualTo("accept");
            assertThat(r.events()).isEqualTo(EVENT_READ);
        });
        assertThat(listener.accept()).isNotNull();
    }

    @Test
    void modifyChangesEventsAndKeepsOrReplacesData() throws IOException {
        SocketChannel[] p = pair();
        sel.register(p[1], EVENT_WRITE, "w");
        assertThat(sel.select(Duration.ofSeconds(5))).singleElement()
                .satisfies(r -> assertThat(r.events()).isEqualTo(EVENT_WRITE));

        SelectorKey<String> kept = sel.modify(p[1], EVENT_READ);
        assertThat(kept).isEqualTo(new SelectorKey<>(p[1], EVENT_READ, "w"));
        assertThat(sel.select(Duration.ZERO)).as("writable but only watched for reading").isEmpty();

        SelectorKey<String> replaced = sel.modify(p[1], EVENT_READ | EVENT_WRITE, "rw");
        send(p[0], "x");
        assertThat(sel.select(Duration.ofSeconds(5))).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(replaced);
            assertThat(r.events()).isEqualTo(EVENT_READ | EVENT_WRITE);
        });
        assertThat(sel.getKey(p[1])).contains(replaced);
    }

    @Test
    void unregisterThenRegisterAgainAtOnceWorks() throws IOException {
        SocketChannel[] p = pair();
        sel.register(p[1], EVENT_READ, "first");
        assertThat(sel.unregister(p[1])).isEqualTo(new SelectorKey<>(p[1], EVENT_READ, "first"));
        assertThat(sel.getKey(p[1])).isEmpty();
        send(p[0], "x");
        assertThat(sel.select(Duration.ofMillis(50))).as("unregistered: not reported").isEmpty();

        // NIO would throw CancelledKeyException here; Python allows it, so we do too
        sel.register(p[1], EVENT_READ, "second");
        assertThat(sel.select(Duration.ofSeconds(5))).singleElement()
                .satisfies(r -> assertThat(r.key().data()).isEqualTo("second"));

        sel.unregister(p[1]);
        p[1].configureBlocking(true);       // an unregistered channel may block again
        assertThat(p[1].isBlocking()).isTrue();
    }

    @Test
    void registerFromAnotherThreadWakesABlockedSelect() throws Exception {
        SocketChannel[] p = pair();
        send(p[0], "ready before registration");
        CompletableFuture<List<DefaultSelector.Ready<String>>> selected = selectInBackground();
        sel.register(p[1], EVENT_READ, "late");
        // the blocked select (no timeout) returns: woken by the registration ...
        assertThat(selected.get(10, TimeUnit.SECONDS)).allSatisfy(r -> assertThat(r.key().data()).isEqualTo("late"));
        // ... and the channel is reported (by it or by the next select)
        assertThat(sel.select(Duration.ofSeconds(5))).singleElement()
                .satisfies(r -> assertThat(r.key().data()).isEqualTo("late"));
    }

    @Test
    void reRegisterFromAnotherThreadWhileSelectIsBlockedDoesNotWaitForIt() throws Exception {
        SocketChannel[] p = pair();
        sel.register(p[1], EVENT_READ, "a");
        sel.unregister(p[1]);                     // cancelled key, not yet flushed
        CompletableFuture<List<DefaultSelector.Ready<String>>> selected = selectInBackground();
        sel.register(p[1], EVENT_READ, "b");      // must flush the cancelled key despite the blocked select
        selected.get(10, TimeUnit.SECONDS);
        assertThat(sel.getKey(p[1]).map(SelectorKey::data)).contains("b");
    }

    @Test
    void wakeupReturnsABlockedSelectWithNothing() throws Exception {
        sel.register(nonBlocking(listener), EVENT_READ);
        CompletableFuture<List<DefaultSelector.Ready<String>>> selected = selectInBackground();
        sel.wakeup();
        assertThat(selected.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void nonBlockingConnectIsReportedAsWritable() throws IOException {
        SocketChannel ch = SocketChannel.open();
        toClose.add(ch);
        ch.configureBlocking(false);
        ch.connect(listener.getLocalAddress());           // usually pending on loopback, maybe done
        sel.register(ch, EVENT_WRITE, "connecting");
        assertThat(sel.select(Duration.ofSeconds(5))).singleElement()
                .satisfies(r -> assertThat(r.events()).isEqualTo(EVENT_WRITE));
        ch.finishConnect();
        assertThat(ch.isConnected()).isTrue();
        assertThat(sel.select(Duration.ofSeconds(5))).as("connected: now plain writable")
                .singleElement().satisfies(r -> assertThat(r.events()).isEqualTo(EVENT_WRITE));
    }

    @Test
    void interruptedSelectThrowsAndKeepsTheInterruptStatus() throws Exception {
        sel.register(nonBlocking(listener), EVENT_READ);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try {
                sel.select();
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        awaitInSelect(t);
        t.interrupt();
        t.join(10_000);
        assertThat(thrown.get()).isInstanceOf(InterruptedRuntimeException.class);
        assertThat(stillInterrupted.get()).isTrue();
    }

    @Test
    void closeWakesABlockedSelectAndLeavesChannelsOpen() throws Exception {
        SocketChannel[] p = pair();
        sel.register(p[1], EVENT_READ);
        CompletableFuture<List<DefaultSelector.Ready<String>>> selected = selectInBackground();
        sel.close();
        assertThatThrownBy(() -> selected.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(p[1].isOpen()).isTrue();
        assertThat(sel.isClosed()).isTrue();
        sel.close();   // idempotent
        assertThatThrownBy(() -> sel.select(Duration.ZERO)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> sel.register(p[0], EVENT_READ)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sel.getMap()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void getMapIsASnapshotOfTheRegistrations() throws IOException {
        SocketChannel[] p = pair();
        sel.register(p[0], EVENT_READ, "a");
        sel.register(p[1], EVENT_WRITE, "b");
        var map = sel.getMap();
        assertThat(map).hasSize(2);
        assertThat(map.get(p[1]).data()).isEqualTo("b");
        sel.unregister(p[0]);
        assertThat(map).hasSize(2);
        assertThat(sel.getMap()).containsOnlyKeys(p[1]);
        assertThatThrownBy(() -> map.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void channelClosedWhileRegisteredCanStillBeUnregistered() throws IOException {
        SocketChannel[] p = pair();
        sel.register(p[1], EVENT_READ, "gone");
        p[1].close();
        assertThatThrownBy(() -> sel.modify(p[1], EVENT_WRITE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("closed");
        sel.register(p[0], EVENT_READ);
        assertThat(sel.unregister(p[0]).events()).isEqualTo(EVENT_READ);
    }

    @Test
    void pipeChannelsWork() throws IOException {
        Pipe pipe = Pipe.open();
        toClose.add(pipe.source());
        toClose.add(pipe.sink());
        pipe.source().configureBlocking(false);
        pipe.sink().configureBlocking(false);
        sel.register(pipe.source(), EVENT_READ, "source");
        sel.register(pipe.sink(), EVENT_WRITE, "sink");
        assertThat(sel.select(Duration.ofSeconds(5))).extracting(r -> r.key().data()).containsExactly("sink");
        pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        assertThat(sel.select(Duration.ofSeconds(5))).extracting(r -> r.key().data())
                .containsExactlyInAnyOrder("sink", "source");
    }

    @Test
    void badInputIsRefusedWithAClearMessage() throws IOException {
        SocketChannel[] p = pair();
        assertThatThrownBy(() -> sel.register(null, EVENT_READ)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("channel");
        assertThatThrownBy(() -> sel.register(p[0], 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid events");
        assertThatThrownBy(() -> sel.register(p[0], 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid events");
        assertThatThrownBy(() -> sel.register(nonBlocking(listener), EVENT_WRITE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be selected for EVENT_WRITE");

        SocketChannel blocking = SocketChannel.open(listener.getLocalAddress());
        toClose.add(blocking);
        assertThatThrownBy(() -> sel.register(blocking, EVENT_READ)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blocking mode").hasMessageContaining("configureBlocking(false)");

        SocketChannel closed = SocketChannel.open();
        closed.configureBlocking(false);
        closed.close();
        assertThatThrownBy(() -> sel.register(closed, EVENT_READ)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("closed");

        sel.register(p[0], EVENT_READ);
        assertThatThrownBy(() -> sel.register(p[0], EVENT_WRITE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered");
        assertThatThrownBy(() -> sel.unregister(p[1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not registered");
        assertThatThrownBy(() -> sel.modify(p[1], EVENT_READ)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not registered");
        assertThatThrownBy(() -> sel.modify(p[0], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sel.select(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> sel.select(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SelectorKey<>(p[0], 3 | 8, null)).isInstanceOf(IllegalArgumentException.class);

        Pipe pipe = Pipe.open();
        toClose.add(pipe.sink());
        toClose.add(pipe.source());
        pipe.sink().configureBlocking(false);
        assertThatThrownBy(() -> sel.register(pipe.sink(), EVENT_READ)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EVENT_READ");
        // the failed calls changed nothing
        assertThat(sel.getMap()).containsOnlyKeys(p[0]);
    }

    @Test
    void timeoutsRoundUpSoThatAShortTimeoutDoesNotPoll() {
        assertThat(DefaultSelector.toMillisRoundedUp(Duration.ZERO)).isZero();
        assertThat(DefaultSelector.toMillisRoundedUp(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(DefaultSelector.toMillisRoundedUp(Duration.ofMillis(7))).isEqualTo(7);
        assertThat(DefaultSelector.toMillisRoundedUp(Duration.ofMillis(7).plusNanos(1))).isEqualTo(8);
        assertThat(DefaultSelector.toMillisRoundedUp(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }

    private ServerSocketChannel nonBlocking(ServerSocketChannel ch) {
        try {
            ch.configureBlocking(false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ch;
    }

    /** Runs {@code sel.select()} in a platform thread and returns once that thread is blocked in it. */
    private CompletableFuture<List<DefaultSelector.Ready<String>>> selectInBackground() throws InterruptedException {
        CompletableFuture<List<DefaultSelector.Ready<String>>> result = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon().name("selecting").start(() -> {
            try {
                result.complete(sel.select());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        awaitInSelect(t);
        return result;
    }

    /** Waits until {@code t} is inside the NIO selector's select (no sleep-and-hope). */
    private static void awaitInSelect(Thread t) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getMethodName().equals("doSelect") && e.getClassName().startsWith("sun.nio.ch.")) return;
            }
            never.await(2, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError(t + " did not reach select within 10 s");
    }
}
