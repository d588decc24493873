package io.github.concurrent4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.concurrent4j.function.SerializableCallable;

/**
 * Issue 13, points 1, 2 and 11: what an authenticated but hostile peer's messages can make the
 * decoder do. Nothing but a {@link SerializationException} may come out, no refused class may
 * be loaded, and no message may make the decoder allocate more than its bytes can back.
 */
@Tag("unit")
@Timeout(60)
class HostileMessagesTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long FEW_MIB = 4L << 20;

    private final Codec codec = Serialization.codec();
    @TempDir
    Path markers;

    @BeforeEach
    void markHere() {
        System.setProperty("c4j.test.markerDir", markers.toString());
    }

    @AfterEach
    void unmark() {
        System.clearProperty("c4j.test.markerDir");
    }

    private Path marker(String what) {
        return markers.resolve("LambdaOwnerB-" + what + "-" + ProcessHandle.current().pid());
    }

    // ---- point 1: lambdas ------------------------------------------------------------------

    @Test
    void anUnlistedLambdasDeclaringClassIsNeverLoadedLetAloneInitialized() throws Exception {
        byte[] hostile = HostileMessages.unlistedLambda();
        // A fresh codec whose class loader records every class it is asked for.
        RecordingLoader loader = new RecordingLoader(getClass().getClassLoader());
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        me.setContextClassLoader(loader);
        Codec fresh;
        try {
            fresh = new io.github.concurrent4j.transport.internal.KryoCodec();
            assertThat(fresh.decode(fresh.encode(List.of(1)))).isEqualTo(List.of(1)); // its Kryo is built with the loader
        } finally {
            me.setContextClassLoader(before);
        }
        assertThatThrownBy(() -> fresh.decode(hostile)).isInstanceOf(ClassNotAllowedException.class);
        assertThat(loader.asked).as("classes the decoder asked its loader for").noneMatch(n -> n.contains("LambdaOwnerB"));
        assertThatThrownBy(() -> codec.decode(hostile))
                .isInstanceOfSatisfying(ClassNotAllowedException.class, e -> {
                    assertThat(e.className()).isEqualTo("io.github.concurrent4j.transport.LambdaOwnerB");
                    assertThat(e.isLambda()).isTrue();
                })
                .hasMessageContaining("Serialization.allowLambdasOf(LambdaOwnerB.class)")
                .hasMessageContaining("-Dc4j.serial.allow=lambda:io.github.concurrent4j.transport.LambdaOwnerB");
        assertThat(marker("initialized")).doesNotExist();
    }

    /** Delegates every request, remembering the names. */
    static final class RecordingLoader extends ClassLoader {
        final java.util.Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();

        RecordingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void aPriorityQueueWhoseComparatorIsAnUnlistedLambdaIsRefusedBeforeAnythingRuns() {
        byte[] hostile = HostileMessages.priorityQueueWithUnlistedComparator();
        assertThatThrownBy(() -> codec.decode(hostile)).isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining("LambdaOwnerB");
        assertThat(marker("initialized")).doesNotExist();
        assertThat(marker("compared")).doesNotExist();
    }

    @Test
    void aLambdaThisProcessSentIsDecodedAndOneOfAnExplicitlyAllowedClassToo() throws Exception {
        SerializableCallable<Integer> mine = () -> 42;
        @SuppressWarnings("unchecked")
        SerializableCallable<Integer> back = (SerializableCallable<Integer>) codec.decode(codec.encode(mine));
        assertThat(back.call()).isEqualTo(42);
        assertThat(Serialization.allowList().entries()).contains(AllowList.LAMBDA_PREFIX + getClass().getName());

        Codec strict = new io.github.concurrent4j.transport.internal.KryoCodec(
                () -> AllowList.of(List.of("java.lang.Integer", AllowList.LAMBDA_PREFIX + LambdaOwnerA.class.getName())));
        byte[] fromA = HostileMessages.ANYTHING.encode(LambdaOwnerA.comparator());
        @SuppressWarnings("unchecked")
        java.util.Comparator<Integer> c = (java.util.Comparator<Integer>) strict.decode(fromA);
        assertThat(c.compare(1, 2)).isNegative();
        assertThat(AllowList.of(List.of("lambda:com.acme.Main")).allows("com.acme.Main"))
                .as("a lambda: entry allows the class's lambdas, not its objects").isFalse();
        assertThatThrownBy(() -> AllowList.of(List.of("lambda:com.acme.*"))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- point 11: every refusal names the class and how to allow it -----------------------

    @Test
    void capturingAJdkClassThatIsNotAllowedNamesTheAllowList() {
        StringWriter w = new StringWriter();
        SerializableCallable<String> task = () -> w.toString();
        assertThatThrownBy(() -> codec.encode(task))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining("java.io.StringWriter")
                .hasMessageContaining("Serialization.allow(StringWriter.class)");
    }

    @Test
    void anAllowedJdkClassWhoseModuleIsClosedSaysSo() {
        Codec lenient = new io.github.concurrent4j.transport.internal.KryoCodec(
                () -> AllowList.of(List.of("java.io.StringWriter", "java.lang.StringBuffer")));
        assertThatThrownBy(() -> lenient.encode(new StringWriter()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.io.StringWriter").hasMessageContaining("module");
    }

    // ---- point 2: allocation before validation ---------------------------------------------

    static Stream<Arguments> oversized() {
        return HostileMessages.oversizedLengths().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    void aLengthTheFrameCannotBackIsRefusedBeforeAllocating(String what, byte[] message) {
        assertThat(message.length).as("a small message").isLessThan(64);
        decodeRefused(message); // the first time loads classes: not measured
        long allocated = allocatedBy(() -> decodeRefused(message));
        assertThat(allocated).as(what + ": bytes allocated while refusing").isLessThan(FEW_MIB);
    }

    private void decodeRefused(byte[] message) {
        try {
            Object v = codec.decode(message);
            fail("decoded a hostile message: " + v);
        } catch (SerializationException e) {
            assertThat(e.getMessage()).containsAnyOf("refused before allocating", "limit");
        }
    }

    @Test
    void randomFifteenByteMessagesAllocateAFewMibAtMostAndThrowOnlySerializationException() {
        Random r = new Random(13);
        long worst = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] m = new byte[15];
            r.nextBytes(m);
            m[0] = 9; // a Kryo graph
            long a = allocatedBy(() -> {
                try {
                    codec.decode(m);
                } catch (SerializationException expected) {
                    // refused: fine
                }
            });
            if (i > 100) worst = Math.max(worst, a);
        }
        assertThat(worst).isLessThan(FEW_MIB);
    }

    @Test
    void aFifteenByteMessageAnnouncingAHugeListIsRefused() {
        byte[] m = HostileMessages.announcing(new java.util.ArrayList<>(), HostileMessages.collectionLength(100_000_000));
        assertThat(m.length).isLessThanOrEqualTo(33);
        assertThatThrownBy(() -> codec.decode(m)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("100000000 elements of java.util.ArrayList");
    }

    @Test
    void legitimateLargeAndNullFilledValuesStillRoundTrip() {
        java.util.ArrayList<Object> nulls = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) nulls.add(null);
        int[] ints = new Random(1).ints(100_000).toArray();
        Map<String, Object> m = new java.util.HashMap<>();
        for (int i = 0; i < 10_000; i++) m.put("k" + i, i);
        for (Object v : List.of(nulls, ints, m, "x".repeat(1_000_000), new PriorityQueue<>(List.of(3, 1, 2)).toArray())) {
            assertThat(codec.decode(codec.encode(v))).usingRecursiveComparison().isEqualTo(v);
        }
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        Object deep = null;
        for (int i = 0; i < 5_000; i++) deep = new java.util.ArrayList<>(java.util.Collections.singletonList(deep));
        Object tooDeep = deep;
        assertThatThrownBy(() -> HostileMessages.ANYTHING.encode(tooDeep)).isInstanceOf(SerializationException.class);
        Object ok = null;
        for (int i = 0; i < 100; i++) ok = new java.util.ArrayList<>(java.util.Collections.singletonList(ok));
        assertThat(codec.decode(codec.encode(ok))).isEqualTo(ok);
    }

    private static long allocatedBy(Runnable r) {
        long id = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(id);
        r.run();
        return THREADS.getThreadAllocatedBytes(id) - before;
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }

    @Test
    void aDynamicProxyRegistrationCarryingAnythingButATransferFormIsRefused() {
        // A manager's proxy travels as a form under the fixed InvocationHandler registration:
        // the form's class passes the allow-list, and what is not a form is refused by name.
        assertThatThrownBy(() -> codec.decode(HostileMessages.proxyRegistrationCarrying(new java.util.ArrayList<>(List.of("not a form")))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("expected the transfer form of a proxy, got java.util.ArrayList");
        assertThatThrownBy(() -> codec.decode(HostileMessages.proxyRegistrationCarrying(new NotAllowed(7))))
                .isInstanceOf(ClassNotAllowedException.class);
        assertThat(codec.decode(codec.encode(List.of(1)))).as("the codec goes on").isEqualTo(List.of(1));
    }

    /** A class no allow-list names. */
    record NotAllowed(int x) implements java.io.Serializable {}
}
