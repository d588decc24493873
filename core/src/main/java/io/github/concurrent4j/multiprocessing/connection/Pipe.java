package io.github.concurrent4j.multiprocessing.connection;

/**
 * The equivalent of Python's {@code multiprocessing.Pipe()}: two connected
 * {@link Connection}s. Duplex (the default): both ends send and receive. One-way:
 * {@code conn1} only receives and {@code conn2} only sends, as in Python.
 *
 * <pre>{@code
 * Pipe pipe = Pipe.open();
 * Connection parentEnd = pipe.conn1(), childEnd = pipe.conn2();
 * Process p = new Process(() -> { childEnd.send(List.of(42, null, "hello")); childEnd.close(); });
 * p.start();
 * childEnd.close();                       // so that recv sees EOF once the child is done
 * System.out.println(parentEnd.<List<?>>recv());
 * }</pre>
 *
 * <p>Where Python uses a socket pair, a concurrent4j pipe is a pair of rings in a shared-memory
 * file of the process family ({@code /dev/shm/c4j-.../pipe-...}, mode 0600): a message is
 * copied into the ring and the reader, if asleep, is woken through a futex, with no system
 * call while both sides are busy. Ends are passed to child processes by capturing them in a
 * task (or sending them over another connection); up to 1 024 processes may hold one end at
 * once. End-of-file works as with sockets: a {@code recv} sees it once every process that held
 * the other end has closed it or died, after every message sent whole before (a writer killed
 * mid-send leaves no half message). A message larger than the ring streams through it in
 * pieces; if its writer dies in the middle, the pipe is broken and both sides are told so.
 * Off Linux/x86-64 {@code open} throws {@link UnsupportedOperationException}.
 *
 * @param conn1 the first end (the receiving end of a one-way pipe)
 * @param conn2 the second end (the sending end of a one-way pipe)
 */
public record Pipe(Connection conn1, Connection conn2) {
    /** A duplex pipe. */
    public static Pipe open() {
        return open(true);
    }

    /** A duplex pipe, or a one-way pipe ({@code conn1} receives, {@code conn2} sends). */
    public static Pipe open(boolean duplex) {
        return PipeConnection.open(duplex, PipeConnection.DEFAULT_CAPACITY);
    }

    /** A pipe whose rings hold {@code capacityBytes} (a power of two &gt;= 4096) each; larger messages stream through. */
    public static Pipe open(boolean duplex, int capacityBytes) {
        return PipeConnection.open(duplex, capacityBytes);
    }
}
