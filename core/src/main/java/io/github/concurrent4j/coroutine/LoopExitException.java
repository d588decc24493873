package io.github.concurrent4j.coroutine;

/**
 * The equivalent of Python's {@code gevent.exceptions.LoopExit}: raised in the hub's main
 * greenlet (the thread that opened it) when it waits for something that can never happen,
 * because every greenlet waits and no timer, socket or other thread can wake any of them (a
 * deadlock that gevent reports instead of hanging). {@code Asyncio.run} reports the same
 * situation with it.
 *
 * <p>Unchecked. Instances are thrown across greenlets and carry no meaning beyond their type
 * and message.
 */
public final class LoopExitException extends RuntimeException {
    /** Creates the exception with {@code message}. */
    public LoopExitException(String message) {
        super(message);
    }
}
