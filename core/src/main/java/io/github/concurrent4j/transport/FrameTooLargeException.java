package io.github.concurrent4j.transport;

/**
 * A frame was larger than the limit of the channel it crossed. On the receiving side the
 * frame is refused from its length header alone, before its payload is read or allocated.
 */
public final class FrameTooLargeException extends SerializationException {
    private static final long serialVersionUID = 1L;
    private final long limit;
    private final long size;

    public FrameTooLargeException(long limit, long size) {
        super("frame of " + size + " bytes exceeds the limit of " + limit + " bytes");
        this.limit = limit;
        this.size = size;
    }

    public long limit() {
        return limit;
    }

    public long size() {
        return size;
    }
}
