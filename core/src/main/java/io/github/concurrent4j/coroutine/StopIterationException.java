package io.github.concurrent4j.coroutine;

import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The equivalent of Python's {@code StopIteration}: thrown by {@link Generator#next()} and
 * {@link Generator#send} when the generator's body has ended; {@link #value()} is what the
 * body returned (Python's {@code StopIteration.value}, the value of {@code return x} in a
 * generator).
 *
 * <p>Unchecked. A {@link NoSuchElementException}, which is what {@link java.util.Iterator#next()}
 * throws at the end: a generator is a Java iterator too.
 */
public final class StopIterationException extends NoSuchElementException {
    private static final long serialVersionUID = 1L;
    private final transient Object value;

    /** Creates the exception for a body that returned {@code value} (null for none). */
    public StopIterationException(Object value) {
        super(value == null ? "StopIteration" : "StopIteration: " + value);
        this.value = value;
    }

    /** What the generator's body returned, if anything. */
    public Optional<Object> value() {
        return Optional.ofNullable(value);
    }
}
