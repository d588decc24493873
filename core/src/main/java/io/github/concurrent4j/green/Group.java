package io.github.concurrent4j.green;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.WaitQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The equivalent of Python's {@code gevent.pool.Group}: a set of greenlets that can be
 * joined and killed together. Greenlets leave the group when they finish.
 * {@link GreenPool} is a group that bounds how many run at once.
 *
 * <p><b>Thread safety.</b> Used from greenlets of one hub only.
 *
 * <p><b>Memory consistency effects.</b> Everything the members did happens-before
 * {@link #join()} returns.
 */
public sealed class Group permits GreenPool {
    private final Set<Greenlet<?>> members = new LinkedHashSet<>();
    private final WaitQueue emptied = new WaitQueue();
    private Loop loop;

    /** An empty group. */
    public Group() {}

    Loop loop() {
        Loop l = Hub.get().loop;
        if (loop == null) loop = l;
        else if (loop != l) throw new IllegalStateException("this group belongs to " + loop + ", not to " + l);
        return l;
    }

    /** Spawns {@code task} as a member ({@code group.spawn}). */
    public <T> Greenlet<T> spawn(Callable<T> task) {
        loop();
        Greenlet<T> g = Greenlet.spawned(task);
        add(g);
        g.start();
        return g;
    }

    /** Spawns {@code task} as a member ({@code group.spawn}). */
    public Greenlet<Void> spawn(Runnable task) {
        Objects.requireNonNull(task, "task");
        return spawn(() -> {
            task.run();
            return null;
        });
    }

    /** Adds a greenlet; it leaves the group when it finishes ({@code add}). */
    public void add(Greenlet<?> g) {
        Loop l = loop();
        Objects.requireNonNull(g, "greenlet");
        if (g.isDead() || !members.add(g)) return;
        g.onDeath(() -> {
            members.remove(g);
            memberLeft(l);
        });
    }

    void memberLeft(Loop l) {
        if (members.isEmpty()) emptied.wakeAll(l);
    }

    /** Removes a greenlet without killing it ({@code discard}). */
    public void discard(Greenlet<?> g) {
        Loop l = loop();
        if (members.remove(g)) memberLeft(l);
    }

    /** The number of members ({@code len(group)}). */
    public int size() {
        return members.size();
    }

    /** A snapshot of the members. */
    public List<Greenlet<?>> greenlets() {
        return List.copyOf(members);
    }

    /** Whether {@code g} is a member. */
    public boolean contains(Greenlet<?> g) {
        return members.contains(g);
    }

    /** Waits until every member has finished ({@code join()}). */
    public void join() {
        Loop l = loop();
        while (!members.isEmpty()) emptied.await(l, -1, null);
    }

    /** Waits at most {@code timeout} until every member has finished; returns whether they have. */
    public boolean join(Duration timeout) {
        Loop l = loop();
        long deadline = l.nanoTime() + Timeouts.toNanos(timeout);
        while (!members.isEmpty()) {
            long left = deadline - l.nanoTime();
            if (left <= 0 || !emptied.await(l, left, null)) return members.isEmpty();
        }
        return true;
    }

    /** Kills every member and waits until they have died ({@code kill()}). */
    public void kill() {
        List<Greenlet<?>> snapshot = greenlets();
        Gevent.killAll(snapshot);
    }

    /**
     * Applies {@code fn} to every item in a member greenlet each and returns the results in
     * the items' order ({@code map}); the first failure is rethrown after all have finished.
     */
    public <T, R> List<R> map(Function<? super T, ? extends R> fn, Collection<? extends T> items) {
        Objects.requireNonNull(fn, "fn");
        List<Greenlet<R>> gs = new ArrayList<>(items.size());
        for (T item : items) gs.add(spawn(() -> fn.apply(item)));
        List<R> out = new ArrayList<>(gs.size());
        for (Greenlet<R> g : gs) g.join();
        for (Greenlet<R> g : gs) out.add(g.get());
        return out;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + members.size() + " greenlets]";
    }
}
