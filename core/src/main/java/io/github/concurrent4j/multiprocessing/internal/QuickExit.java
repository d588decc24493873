package io.github.concurrent4j.multiprocessing.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * Ends the process at once with {@code _exit(2)}, as Python's multiprocessing ends a child with
 * {@code os._exit} once the task is done and its output flushed.
 *
 * <p>Why not {@code Runtime.halt}: the JVM's exit waits, up to 300 ms, for every thread that
 * is inside native code to come back (HotSpot's {@code VM_Exit::wait_for_threads_in_native_to_block}),
 * and a child always has such a thread: its lifeline, blocked in {@code epoll_wait} on the
 * parent's socket. Measured here: 300–400 ms from a child's last statement to its exit with
 * {@code halt}, ~10 ms with {@code _exit}. Nothing is lost: stdout and stderr are flushed and
 * the exit code reported before, and the kernel releases the process's memory, files and
 * sockets as for any exit. Falls back to {@code halt} where the call is not available.
 */
final class QuickExit {
    private static final MethodHandle EXIT = find();

    private QuickExit() {}

    private static MethodHandle find() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.downcallHandle(linker.defaultLookup().find("_exit").orElseThrow(), FunctionDescriptor.ofVoid(JAVA_INT));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Never returns. */
    static void exit(int code) {
        if (EXIT != null && !Boolean.getBoolean("c4j.child.exitThroughJvm")) {
            try {
                EXIT.invokeExact(code);
            } catch (Throwable t) {
                // fall through to halt
            }
        }
        Runtime.getRuntime().halt(code);
    }
}
