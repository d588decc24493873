package io.github.concurrent4j.multiprocessing.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.concurrent4j.multiprocessing.pool.internal.Chunk;

/**
 * The input of an {@code imap}, read in chunks on the engine's task thread. As in CPython's
 * {@code _get_tasks}, an exception from the input drops the chunk being read and becomes the
 * failure of that chunk's first position, after which the input ends.
 */
final class LazyInput implements Feeder {
    private final Engine engine;
    private final IMapResults<?> job;
    private final Iterable<?> items;
    private Iterator<?> it; // made on the task thread, as CPython's task handler calls iter()
    private final int chunksize;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile int position;

    LazyInput(Engine engine, IMapResults<?> job, Iterable<?> items, int chunksize) {
        this.engine = engine;
        this.job = job;
        this.items = items;
        this.chunksize = chunksize;
    }

    @Override
    public List<Chunk> next(int max) {
        List<Chunk> out = new ArrayList<>();
        while (out.size() < max && !ended.get()) {
            if (job.isClosed()) {
                ended.set(true); // nobody reads the results: stop reading the input
                break;
            }
            Object[] buf = new Object[chunksize];
            int n = 0;
            try {
                if (it == null) it = items.iterator();
                while (n < chunksize && it.hasNext()) buf[n++] = it.next();
            } catch (Throwable e) {
                if (ended.compareAndSet(false, true)) job.inputFailed(position, e);
                break;
            }
            if (n > 0) {
                out.add(engine.chunk(job, position, n == chunksize ? buf : Arrays.copyOf(buf, n)));
                position += n;
            }
            if (n < chunksize && ended.compareAndSet(false, true)) job.inputEnded(position);
        }
        return out;
    }

    @Override
    public boolean exhausted() {
        return ended.get();
    }

    @Override
    public void abort(Throwable cause) {
        if (ended.compareAndSet(false, true)) job.inputFailed(position, cause);
    }
}
