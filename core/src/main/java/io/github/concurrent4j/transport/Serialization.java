package io.github.concurrent4j.transport;

import io.github.concurrent4j.internal.Config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;

import io.github.concurrent4j.transport.internal.KryoCodec;

/**
 * What may cross a process boundary, and how: the process-wide {@link Codec} and the
 * {@link AllowList} of classes it may decode.
 *
 * <p>Python's {@code multiprocessing} unpickles whatever an authenticated peer sends, which
 * makes a leaked {@code authkey} a remote-code-execution hole. concurrent4j decodes only
 * allowed classes: the JDK's value types and collections, and what the application allows
 * here (or with {@code -Dc4j.serial.allow=com.acme.Order,com.acme.model.*}). Children inherit
 * the allow-list of their parent. {@code Process} subclasses are allowed by starting them.
 *
 * <p><b>Lambdas.</b> Decoding a serializable lambda loads and initializes its declaring class
 * and runs that class's {@code $deserializeLambda$}, so a lambda is decoded only when its
 * declaring class is allowed: explicitly ({@link #allow}, or {@link #allowLambdasOf} for its
 * lambdas alone), or because <em>this process family sent a lambda of that class</em>. Every
 * class whose lambda this process encodes is recorded as a {@code lambda:} entry; a child
 * inherits its parent's entries when it starts. So {@code new Process(() -> ...)} needs no
 * configuration, and a child can send its parent's lambdas back. What this does not cover: a
 * lambda class that a process first encodes after a child has started (that child has not
 * inherited it), and lambdas a sibling or a child first sends to its parent. Those need
 * {@link #allowLambdasOf} (or {@code -Dc4j.serial.allow=lambda:com.acme.Main}). The record is
 * per process, not per peer: every peer that passes the handshake holds the family's key, so
 * a per-peer record would not tell a family member from a key holder. The values a lambda
 * captures are checked like any other object.
 *
 * <p>Thread-safe; changes are visible to encodes and decodes that start after they return.
 */
public final class Serialization {
    /** The JDK classes every codec accepts (beyond primitives and their arrays). */
    static final List<String> BUILT_IN = List.of(
            "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
            "java.lang.Character", "java.lang.Boolean", "java.lang.Float", "java.lang.Double", "java.lang.Object",
            "java.lang.Class", "java.lang.StringBuilder", "java.lang.StringBuffer", "java.lang.Void",
            "java.math.BigInteger", "java.math.BigDecimal", "java.util.UUID", "java.util.Date", "java.util.Locale",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.PriorityQueue",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet",
            "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.BitSet", "java.util.Optional",
            "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble",
            "java.util.Arrays$ArrayList", "java.util.Collections$EmptyList", "java.util.Collections$EmptyMap",
            "java.util.Collections$EmptySet", "java.util.Collections$SingletonList", "java.util.Collections$SingletonMap",
            "java.util.Collections$SingletonSet", "java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$Set12",
            "java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Map1",
            "java.util.ImmutableCollections$MapN", "java.util.concurrent.ConcurrentHashMap",
            "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.TimeUnit",
            "java.time.Duration", "java.time.Instant", "java.time.LocalDate", "java.time.LocalTime",
            "java.time.LocalDateTime", "java.time.ZonedDateTime", "java.time.OffsetDateTime", "java.time.ZoneOffset",
            "java.time.Period", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay",
            "sun.nio.fs.UnixPath"); // written by PathSerializer as a string, never field by field

    private static volatile AllowList allowList = AllowList.of(BUILT_IN).with(fromResources()).with(fromProperty());
    private static volatile Codec codec = KryoCodec.INSTANCE;

    private Serialization() {}

    /** The codec used for objects that cross process boundaries. */
    public static Codec codec() {
        return codec;
    }

    /**
     * Replaces the process-wide codec. Its class must have a public no-argument constructor,
     * because children create their own instance of it by name.
     */
    public static void setCodec(Codec c) {
        Objects.requireNonNull(c, "codec");
        try {
            c.getClass().getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("codec class " + c.getClass().getName()
                    + " needs a public no-argument constructor (children create it by name)", e);
        }
        codec = c;
    }

    /** Allows these classes to be decoded (and so to cross process boundaries). */
    public static void allow(Class<?>... classes) {
        List<String> names = new ArrayList<>();
        for (Class<?> c : classes) {
            Objects.requireNonNull(c, "class");
            if (c.isHidden()) throw new IllegalArgumentException("hidden class " + c.getName() + " cannot be allowed by name");
            names.add(c.getName());
        }
        allow(names);
    }

    /**
     * Allows entries by name: a binary class name, {@code package.*} (the package's classes)
     * or {@code package.**} (and its sub-packages).
     */
    public static void allow(String... entries) {
        allow(Arrays.asList(entries));
    }

    static synchronized void allow(List<String> entries) {
        AllowList current = allowList;
        List<String> fresh = new ArrayList<>();
        Set<String> known = new HashSet<>(current.entries());
        for (String e : entries) if (known.add(e)) fresh.add(e);
        if (!fresh.isEmpty()) allowList = current.with(fresh);
    }

    /** Allows a package's classes: {@code allowPackage("com.acme.model")} is {@code allow("com.acme.model.*")}. */
    public static void allowPackage(String packageName) {
        Objects.requireNonNull(packageName, "packageName");
        allow(packageName + ".*");
    }

    /**
     * Allows the serializable lambdas declared in these classes (not objects of the classes):
     * for a lambda class this process never sends itself, e.g. one a sibling or a child sends.
     */
    public static void allowLambdasOf(Class<?>... declaringClasses) {
        List<String> names = new ArrayList<>();
        for (Class<?> c : declaringClasses) names.add(AllowList.LAMBDA_PREFIX + Objects.requireNonNull(c, "class").getName());
        allow(names);
    }

    /**
     * Records that this process sends lambdas declared in {@code className}, so that it (and
     * its children, which inherit the entry) may decode them. The codec calls this whenever it
     * encodes a lambda; it costs a set lookup once the class is known.
     */
    public static void lambdaSent(String className) {
        if (!allowList.allowsLambdasOf(className)) allow(List.of(AllowList.LAMBDA_PREFIX + className));
    }

    /** The current allow-list. */
    public static AllowList allowList() {
        return allowList;
    }

    /** Whether objects of the class with this binary name may be decoded. */
    public static boolean isAllowed(String className) {
        return allowList.allows(className);
    }

    /** Entries beyond the built-in ones, as a parent sends them to its children. */
    public static List<String> addedEntries() {
        List<String> all = new ArrayList<>(allowList.entries());
        all.removeAll(BUILT_IN);
        return all;
    }

    /** Adopts a parent's added entries (used by the child bootstrap). */
    public static synchronized void inherit(List<String> entries) {
        // Most are known already (the class path's own lists): rebuild only for new ones. A
        // plain loop, as this runs in a young child JVM on the way to its task.
        Set<String> known = new HashSet<>(allowList.entries());
        List<String> fresh = new ArrayList<>();
        for (String e : entries) if (known.add(e)) fresh.add(e);
        if (!fresh.isEmpty()) allow(fresh);
    }

    /**
     * Entries listed in {@code META-INF/concurrent4j/serial-allow.txt} files on the class path
     * (one entry per line, {@code #} comments): how a library, or an application jar, allows its
     * own wire classes in every process, children included, without code.
     */
    private static List<String> fromResources() {
        List<String> entries = new ArrayList<>();
        try {
            ClassLoader cl = Serialization.class.getClassLoader();
            for (var urls = cl.getResources("META-INF/concurrent4j/serial-allow.txt"); urls.hasMoreElements(); ) {
                try (var in = urls.nextElement().openStream()) {
                    for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
                        String e = line.replaceFirst("#.*", "").strip();
                        if (!e.isEmpty()) entries.add(e);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read META-INF/concurrent4j/serial-allow.txt", e);
        }
        return entries;
    }

    private static List<String> fromProperty() {
        return Config.list(Config.Setting.SERIAL_ALLOW);
    }
}
