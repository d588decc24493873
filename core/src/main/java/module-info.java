/**
 * concurrent4j: Python's concurrent-programming toolkit ({@code multiprocessing}, {@code threading},
 * {@code queue}, {@code concurrent.futures}, {@code gevent}, {@code asyncio}) on the JVM.
 *
 * <p>The module exports its API packages only. Not exported: every {@code internal} package and
 * the transport's internals ({@code transport.internal}: the framed channel, the handshake, HMAC,
 * peer credentials, the Kryo and pickle codecs' machinery; {@code transport.shm}: the
 * shared-memory ring, futex, holder table and robust lock). A user module cannot reach them; on
 * the class path nothing changes. ({@code ModuleSurfaceTest} and {@code UserModuleTest} check
 * both.)
 *
 * <p>Running on the module path: a child process is started with the parent's module path (and
 * class path); the classes a user sends to a child are decoded by Kryo, which reads their fields
 * reflectively, so a user module opens the packages of the classes it sends to
 * {@code com.esotericsoftware.kryo} (or sends records and other plain values), and opens the
 * packages whose serializable lambdas it sends to this module ({@code $deserializeLambda$} is
 * private).
 */
module io.github.concurrent4j {
    // EVERY NEW API PACKAGE MUST BE EXPORTED HERE, and every new internal package (named
    // "internal", or under transport.shm) must not be: ModuleSurfaceTest fails the build when a
    // package under io/github/concurrent4j is missing from, or wrongly in, this list.
    exports io.github.concurrent4j;
    exports io.github.concurrent4j.asyncio;
    exports io.github.concurrent4j.coroutine;
    exports io.github.concurrent4j.function;
    exports io.github.concurrent4j.futures;
    exports io.github.concurrent4j.futures.process;
    exports io.github.concurrent4j.green;
    exports io.github.concurrent4j.lifecycle;
    exports io.github.concurrent4j.multiprocessing;
    exports io.github.concurrent4j.multiprocessing.connection;
    exports io.github.concurrent4j.multiprocessing.managers;
    exports io.github.concurrent4j.multiprocessing.pool;
    exports io.github.concurrent4j.multiprocessing.sharedctypes;
    exports io.github.concurrent4j.multiprocessing.sharedmemory;
    exports io.github.concurrent4j.multiprocessing.synchronize;
    exports io.github.concurrent4j.net;
    exports io.github.concurrent4j.queue;
    exports io.github.concurrent4j.threading;
    exports io.github.concurrent4j.transport;

    // The library's own wire classes (META-INF/concurrent4j/serial-allow.txt) are decoded by
    // Kryo's field and record serializers, which need deep reflection on them: their packages
    // are open to Kryo alone. A new package with a wire class is added here (ModuleSurfaceTest
    // checks that every listed class's package is).
    opens io.github.concurrent4j.multiprocessing to com.esotericsoftware.kryo;
    opens io.github.concurrent4j.multiprocessing.connection to com.esotericsoftware.kryo;
    opens io.github.concurrent4j.multiprocessing.internal to com.esotericsoftware.kryo;
    opens io.github.concurrent4j.multiprocessing.managers to com.esotericsoftware.kryo;
    opens io.github.concurrent4j.multiprocessing.pool.internal to com.esotericsoftware.kryo;
    opens io.github.concurrent4j.multiprocessing.sharedctypes to com.esotericsoftware.kryo;
    opens io.github.concurrent4j.multiprocessing.sharedmemory to com.esotericsoftware.kryo;
    opens io.github.concurrent4j.multiprocessing.synchronize to com.esotericsoftware.kryo;

    requires com.esotericsoftware.kryo;
    // Kryo's instantiator for classes without a no-argument constructor (DecodeInstantiators).
    requires org.objenesis;
    requires org.jctools.core;
    // The pickle codec (PickleCodec); the jar has no module name of its own: "pickle" is the
    // name the JDK derives from its file name (net.razorvine:pickle 1.5).
    requires pickle;
    // SO_PEERCRED for the Unix-domain sockets' peer check.
    requires jdk.net;
    // The deadlock watchdog's thread dump (threading.WaitForGraph).
    requires java.management;
    // sun.reflect.ReflectionFactory and Unsafe, which Objenesis, Kryo and JCTools use; required
    // here so that a module-path application resolves it (JCTools's own requires is static).
    requires jdk.unsupported;
    // Optional: futures.Progress.bar() draws with it when the application has it, plain lines
    // otherwise (futures.internal.TerminalBar).
    requires static me.tongfei.progressbar;
}
