package io.github.concurrent4j.multiprocessing.pool.internal;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

import io.github.concurrent4j.transport.Serialization;

/**
 * An exception as it crosses from a worker process to the parent: its class name, message,
 * stack trace (as text) and cause, never the exception object itself, so that decoding it
 * needs no allow-list entry for every exception class and runs no code of a class the parent
 * has not allowed. The parent rebuilds an exception of the same class — as Python's pool
 * unpickles the worker's exception — when the class is a JDK class ({@code java.*},
 * {@code javax.*}), a concurrent4j class, or allowed by {@link Serialization}; otherwise a
 * {@link RuntimeException} naming the class. The rebuilt exception carries the worker's stack
 * trace (Python chains a {@code RemoteTraceback} instead).
 *
 * @param type    the exception's binary class name
 * @param message its message (may be null)
 * @param frames  its stack trace, one {@code class\tmethod\tfile\tline} per frame
 * @param cause   its cause (null: none)
 */
public record RemoteFailure(String type, String message, String[] frames, RemoteFailure cause) implements Serializable {
    private static final int MAX_CAUSES = 16;

    /** The travelling form of {@code t} (with up to 16 causes). */
    public static RemoteFailure of(Throwable t) {
        return of(t, 0);
    }

    private static RemoteFailure of(Throwable t, int depth) {
        StackTraceElement[] st = t.getStackTrace();
        String[] frames = new String[st.length];
        for (int i = 0; i < st.length; i++) {
            StackTraceElement e = st[i];
            frames[i] = e.getClassName() + '\t' + e.getMethodName() + '\t' + Objects.toString(e.getFileName(), "")
                    + '\t' + e.getLineNumber();
        }
        Throwable c = t.getCause();
        String message;
        try {
            message = t.getMessage();
        } catch (Throwable broken) {
            message = "(getMessage() threw " + broken + ")";
        }
        return new RemoteFailure(t.getClass().getName(), message, frames,
                c != null && c != t && depth < MAX_CAUSES ? of(c, depth + 1) : null);
    }

    /** The exception this stands for, rebuilt in this process (see the class comment). */
    public Throwable toThrowable() {
        Throwable causeT = cause != null ? cause.toThrowable() : null;
        Throwable t = instantiate(causeT);
        StackTraceElement[] st = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            String[] f = frames[i].split("\t", -1);
            int line;
            try {
                line = f.length > 3 ? Integer.parseInt(f[3]) : -1;
            } catch (NumberFormatException e) {
                line = -1;
            }
            st[i] = new StackTraceElement(f[0], f.length > 1 ? f[1] : "?", f.length > 2 && !f[2].isEmpty() ? f[2] : null, line);
        }
        t.setStackTrace(st);
        return t;
    }

    private Throwable instantiate(Throwable causeT) {
        if (rebuildable(type)) {
            try {
                Class<?> c = Class.forName(type, false, loader());
                if (Throwable.class.isAssignableFrom(c)) {
                    Throwable t = construct(c.asSubclass(Throwable.class), causeT);
                    if (t != null) return t;
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // fall through: described, not rebuilt
            }
        }
        return new RuntimeException(type + (message != null ? ": " + message : "") + " (in a worker process)", causeT);
    }

    private Throwable construct(Class<? extends Throwable> c, Throwable causeT) throws ReflectiveOperationException {
        try {
            return c.getConstructor(String.class, Throwable.class).newInstance(message, causeT);
        } catch (NoSuchMethodException e) {
            // next form
        }
        Throwable t;
        try {
            t = c.getConstructor(String.class).newInstance(message);
        } catch (NoSuchMethodException e) {
            if (message != null) return null;
            t = c.getConstructor().newInstance();
        }
        if (causeT != null) {
            try {
                t.initCause(causeT);
            } catch (IllegalStateException alreadySet) {
                // the constructor set one
            }
        }
        return t;
    }

    /** Only classes the parent trusts are loaded and constructed. */
    private static boolean rebuildable(String type) {
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("io.github.concurrent4j.")
                || Serialization.isAllowed(type);
    }

    private static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : RemoteFailure.class.getClassLoader();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteFailure r && type.equals(r.type) && Objects.equals(message, r.message)
                && Arrays.equals(frames, r.frames) && Objects.equals(cause, r.cause);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, message, Arrays.hashCode(frames), cause);
    }

    @Override
    public String toString() {
        return "RemoteFailure[" + type + ": " + message + "]";
    }
}
