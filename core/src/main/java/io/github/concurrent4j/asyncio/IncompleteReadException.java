package io.github.concurrent4j.asyncio;

/**
 * The equivalent of Python's {@code asyncio.IncompleteReadError}: the stream ended before
 * {@link StreamReader#readExactly} (or {@link StreamReader#readUntil}) got what it needed.
 * {@link #partial()} is what was read.
 *
 * <p>Unchecked.
 */
public final class IncompleteReadException extends RuntimeException {
    private final byte[] partial;
    private final long expected;

    /** Creates the exception: {@code partial} bytes were read of {@code expected} (-1: unknown). */
    public IncompleteReadException(byte[] partial, long expected) {
        super(partial.length + " bytes read on a total of " + (expected < 0 ? "undefined" : expected) + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected;
    }

    /** The bytes read before the end of the stream. */
    public byte[] partial() {
        return partial.clone();
    }

    /** How many bytes were expected (-1 if undefined, as for a separator). */
    public long expected() {
        return expected;
    }
}
