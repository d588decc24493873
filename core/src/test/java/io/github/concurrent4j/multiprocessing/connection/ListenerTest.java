package io.github.concurrent4j.multiprocessing.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.transport.AllowList;
import io.github.concurrent4j.transport.AuthenticationException;
import io.github.concurrent4j.transport.ClassNotAllowedException;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.internal.KryoCodec;

/** Listener/Client with real child JVMs as clients, well-behaved and hostile. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@org.junit.jupiter.api.Tag("integration")
@Tag("integration")
class ListenerTest {

    /** Counts constructions and decodings, to prove that a refused object never came to life. */
    public static final class Gadget {
        static final AtomicInteger BORN = new AtomicInteger();
        int payload;

        public Gadget() {
            BORN.incrementAndGet();
        }

        private Object readResolve() {
            BORN.incrementAndGet();
            return this;
        }
    }

    @Test
    void aClientWithTheRightKeyTalksBothWays() {
        try (Listener listener = Listener.open()) {
            Address address = listener.address();
            Process client = new Process(() -> {
                try (Connection c = Client.connect(address)) {
                    c.send(Map.of("hello", List.of(1, 2, 3)));
                    c.send(c.<Integer>recv() + 1);
                }
            });
            client.start();
            try (Connection server = listener.accept()) {
                assertThat(server.<Map<String, List<Integer>>>recv()).isEqualTo(Map.of("hello", List.of(1, 2, 3)));
                server.send(41);
                assertThat(server.<Integer>recv()).isEqualTo(42);
                assertThatThrownBy(server::recv).isInstanceOf(EOFException.class);
            }
            client.join();
            assertThat(client.exitCode()).hasValue(0);
        }
    }

    @Test
    void wrongKeyGarbageAndOversizedHandshakesAreRefusedAndTheListenerGoesOn() {
        byte[] key = "the right key".getBytes();
        try (Listener listener = Listener.open(Address.tcp("127.0.0.1", 0), key)) {
            Address address = listener.address();
            int port = ((Address.Tcp) address).port();
            Process wrongKey = new Process(() -> {
                try {
                    Client.connect(address, "a wrong key".getBytes());
                    System.out.println("wrong key accepted?!");
                } catch (AuthenticationException expected) {
                    System.exit(3);
                }
            });
            Process garbage = new Process(() -> rawSend(port, new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'}));
            Process oversized = new Process(() -> rawSend(port, new byte[] {0x10, 0, 0, 0}));
            Process good = new Process(() -> {
                try (Connection c = Client.connect(address, key)) {
                    c.send("still serving");
                }
            });
            int bornBefore = Gadget.BORN.get();
            wrongKey.start();
            assertThatThrownBy(listener::accept).isInstanceOf(AuthenticationException.class).hasMessageContaining("digest");
            wrongKey.join();
            assertThat(wrongKey.exitCode()).hasValue(3);

            garbage.start();
            assertThatThrownBy(listener::accept).isInstanceOf(AuthenticationException.class);
            oversized.start();
            assertThatThrownBy(listener::accept).isInstanceOf(AuthenticationException.class).hasMessageContaining("exceeds");

            good.start();
            try (Connection c = listener.accept()) {
                assertThat(c.<String>recv()).isEqualTo("still serving");
            }
            for (Process p : List.of(garbage, oversized, good)) p.join();
            assertThat(Gadget.BORN.get()).isEqualTo(bornBefore);
        }
    }

    @Test
    void aSilentClientTimesOutInsteadOfHangingTheListener() throws IOException {
        try (Listener listener = Listener.open()) {
            listener.setHandshakeTimeout(Duration.ofMillis(300));
            try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                silent.connect(listener.address().toSocketAddress());
                assertThatThrownBy(listener::accept).isInstanceOf(AuthenticationException.class).hasMessageContaining("300");
            }
        }
    }

    @Test
    void anObjectOfAClassNotAllowedIsRefusedBeforeItIsInstantiated() {
        try (Listener listener = Listener.open()) {
            Address address = listener.address();
            // A hostile (but authenticated) peer encodes with an allow-list that has everything.
            Process hostile = new Process(() -> {
                Codec anything = new KryoCodec(() -> AllowList.of(List.of("java.**", "io.**")));
                try (Connection c = Client.connect(address)) {
                    c.sendBytes(anything.encode(new Gadget()));
                    c.send("after the gadget");
                }
            });
            hostile.start();
            int bornBefore = Gadget.BORN.get();
            try (Connection server = listener.accept()) {
                assertThatThrownBy(server::recv).isInstanceOfSatisfying(ClassNotAllowedException.class,
                        e -> assertThat(e.className()).isEqualTo(Gadget.class.getName()));
                assertThat(server.<String>recv()).isEqualTo("after the gadget"); // the stream stays in step
            }
            hostile.join();
            assertThat(Gadget.BORN.get()).isEqualTo(bornBefore);
        }
    }

    /** Issue 13 points 1 and 2 across real processes: the connection stays in step after each refusal. */
    @Test
    void hostileLengthsAndAnUnlistedLambdaFromAPeerAreRefusedAndTheConnectionStaysUsable() {
        byte[][] hostile = {
            io.github.concurrent4j.transport.HostileMessages.oversizedLengths().get("int[] of 2^31-9"),
            io.github.concurrent4j.transport.HostileMessages.oversizedLengths().get("HashMap of 10^8"),
            io.github.concurrent4j.transport.HostileMessages.unlistedLambda(),
            io.github.concurrent4j.transport.HostileMessages.priorityQueueWithUnlistedComparator()};
        try (Listener listener = Listener.open()) {
            Address address = listener.address();
            Process peer = new Process(() -> {
                try (Connection c = Client.connect(address)) {
                    for (byte[] h : hostile) c.sendBytes(h);
                    c.send("still in step");
                }
            });
            peer.start();
            try (Connection server = listener.accept()) {
                for (int i = 0; i < 2; i++) {
                    assertThatThrownBy(server::recv).isInstanceOf(io.github.concurrent4j.transport.SerializationException.class)
                            .hasMessageContaining("refused before allocating");
                }
                for (int i = 0; i < 2; i++) {
                    assertThatThrownBy(server::recv).isInstanceOfSatisfying(ClassNotAllowedException.class,
                            e -> assertThat(e.className()).endsWith("LambdaOwnerB"));
                }
                assertThat(server.<String>recv()).isEqualTo("still in step");
            }
            peer.join();
            assertThat(peer.exitCode()).hasValue(0);
        }
    }

    @Test
    void waitReturnsTheReadyConnectionsAndSentinels() {
        Pipe a = Pipe.open(), b = Pipe.open();
        Connection bEnd = b.conn2();
        Process p = new Process(() -> bEnd.send("from child"));
        p.start();
        List<Connection> ready = Connections.wait(List.of(a.conn1(), b.conn1()), Duration.ofSeconds(30));
        assertThat(ready).containsExactly(b.conn1());
        p.join();
        assertThat(Connections.wait(List.of(p.sentinel()), Duration.ofSeconds(5))).hasSize(1);
        assertThat(Connections.wait(List.of(a.conn1()), Duration.ofMillis(50))).isEmpty();
        PipeTest.close(a);
        PipeTest.close(b);
    }

    @Test
    void aSocketConnectionCannotBeSentToAnotherProcess() {
        try (Listener listener = Listener.open()) {
            Thread t = Thread.ofPlatform().start(() -> listener.accept().close());
            try (Connection c = Client.connect(listener.address())) {
                Pipe pipe = Pipe.open();
                assertThatThrownBy(() -> pipe.conn1().send(c)).hasMessageContaining("cannot be sent");
                PipeTest.close(pipe);
            }
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static void rawSend(int port, byte[] bytes) throws IOException {
        try (SocketChannel ch = SocketChannel.open(new java.net.InetSocketAddress("127.0.0.1", port))) {
            ByteBuffer challenge = ByteBuffer.allocate(256);
            ch.read(challenge); // the server speaks first; answer with nonsense
            ch.write(ByteBuffer.wrap(bytes));
            ch.read(ByteBuffer.allocate(64));
        }
    }
}
