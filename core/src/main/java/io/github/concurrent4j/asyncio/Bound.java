package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;

/** The loop a primitive belongs to: the loop of its first user (asyncio's {@code _LoopBoundMixin}). */
final class Bound {
    private Loop loop;

    Loop loop(Object owner) {
        Loop l = EventLoop.running().rt;
        if (loop == null) loop = l;
        else if (loop != l) throw new IllegalStateException(owner + " is bound to a different event loop");
        return l;
    }
}
