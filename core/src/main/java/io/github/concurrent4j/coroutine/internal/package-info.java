/**
 * The coroutine runtime shared by {@code c4j.green}, {@code c4j.asyncio} and
 * {@code c4j.coroutine.Generator}: the {@link io.github.concurrent4j.coroutine.internal.Loop}
 * (run queue, timers, selector, baton), {@link io.github.concurrent4j.coroutine.internal.Fiber}s
 * on virtual threads, single-use {@link io.github.concurrent4j.coroutine.internal.Waiter}s, and
 * the stall watchdog. Not an API: its types are public only so that those packages can use them.
 */
package io.github.concurrent4j.coroutine.internal;
