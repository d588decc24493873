/**
 * Python's {@code selectors} and {@code socketserver} modules on NIO: the building blocks of
 * the I/O models (blocking, non-blocking, multiplexing, asynchronous) that
 * {@code docs/net.md} compares on one echo workload.
 *
 * <ul>
 *   <li>{@link io.github.concurrent4j.net.Selectors} / {@link io.github.concurrent4j.net.DefaultSelector}
 *       — {@code selectors.DefaultSelector}: register a channel for {@code EVENT_READ} /
 *       {@code EVENT_WRITE} with a piece of data (typically a callback), {@code select} the
 *       ready ones. It is a thin layer over {@link java.nio.channels.Selector} (epoll on Linux).</li>
 *   <li>{@link io.github.concurrent4j.net.TCPServer} / {@link io.github.concurrent4j.net.ThreadingTCPServer}
 *       with {@link io.github.concurrent4j.net.BaseRequestHandler} /
 *       {@link io.github.concurrent4j.net.StreamRequestHandler} — {@code socketserver}: one handler
 *       object per connection, {@code setup → handle → finish}; the threading server runs each on
 *       its own virtual thread, so a slow or silent client holds only its own thread.</li>
 * </ul>
 *
 * <p>This package depends only on the JDK and {@code io.github.concurrent4j}'s base exceptions.
 */
package io.github.concurrent4j.net;
