/**
 * Python's {@code greenlet} and {@code gevent} on the JVM: a {@link io.github.concurrent4j.green.Hub}
 * runs {@link io.github.concurrent4j.green.Greenlet}s on virtual threads, exactly one at a time,
 * switching only at cooperative points (sleep, queue, lock, event, socket, join, explicit switch).
 *
 * <p>Start with {@link io.github.concurrent4j.green.Gevent} ({@code spawn}, {@code sleep},
 * {@code joinAll}); raw greenlets with {@link io.github.concurrent4j.green.Greenlet#create};
 * servers with {@link io.github.concurrent4j.green.StreamServer}. What {@code monkey.patch_all()}
 * gives Python programs is had by calling this package's sleep, queues and sockets; a plain
 * blocking JDK call in a greenlet holds the whole hub (as an unpatched call does in gevent) and
 * is reported by the hub's stall watchdog. The design, with measurements: {@code docs/green.md}.
 */
package io.github.concurrent4j.green;
