package io.github.concurrent4j.examples.net;

/**
 * A running echo server of one I/O model (started by one of the {@code *EchoServer.start}
 * methods): where it listens, what it counted, and how to stop it.
 */
interface EchoServer extends AutoCloseable {
    /** The port it listens on, on 127.0.0.1. */
    int port();

    /** What the model did, in one line (e.g. how many times it polled for nothing). */
    default String stats() {
        return "";
    }

    /** Stops accepting, closes the connections, stops its threads. */
    @Override
    void close();
}
