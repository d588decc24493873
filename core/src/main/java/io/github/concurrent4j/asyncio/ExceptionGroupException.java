package io.github.concurrent4j.asyncio;

import java.util.List;

/**
 * The equivalent of Python's {@code ExceptionGroup} (as raised by {@code asyncio.TaskGroup}):
 * several exceptions raised together. {@link #exceptions()} lists them in the order they
 * happened; each is also attached as a suppressed exception, so that stack traces show them.
 *
 * <p>Unchecked. Named with the {@code Exception} suffix of Java exceptions.
 */
public final class ExceptionGroupException extends RuntimeException {
    private final List<Throwable> exceptions;

    /** Creates the group. */
    public ExceptionGroupException(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")");
        if (exceptions.isEmpty()) throw new IllegalArgumentException("an exception group needs at least one exception");
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) addSuppressed(t);
    }

    /** The grouped exceptions. */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
