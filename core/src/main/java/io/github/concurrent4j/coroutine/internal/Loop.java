package io.github.concurrent4j.coroutine.internal;

import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jctools.queues.atomic.MpscLinkedAtomicQueue;

/**
 * The runtime under both {@code c4j.green} (the gevent hub) and {@code c4j.asyncio} (the event
 * loop): fibers on virtual threads, run one at a time under a baton.
 *
 * <h2>Implementation notes (the invariants)</h2>
 * <ul>
 * <li><b>The baton.</b> {@link #running} names the one fiber allowed to run user code. Only
 *     the holder changes loop state (run queue, timers, selector, waiters, fibers' fields). It
 *     gives the baton away at a cooperative point by writing {@code running = next} (a volatile
 *     write: everything it did happens-before whatever {@code next} does after reading it) and
 *     unparking {@code next}'s thread; then it parks until {@code running} names it again.
 *     Every fiber parks on its own thread's permit; there is no shared lock.</li>
 * <li><b>Who runs the loop.</b> There is no separate hub thread. The fiber that gives the
 *     baton away runs the scheduling step itself ({@link #switchOut}): it pops the run queue,
 *     runs callbacks, fires due timers, polls the selector, and when nothing at all is
 *     runnable it waits for the next timer or socket event in {@code select}/{@code park} on
 *     its own thread. A fiber whose own wait ends that way continues without any switch.</li>
 * <li><b>Rounds.</b> As in asyncio's {@code _run_once}: sockets, timers and other threads'
 *     submissions join the run queue only at round boundaries, and one round runs exactly the
 *     entries that were queued when it began. Busy fibers that keep yielding therefore cannot
 *     starve timers or I/O.</li>
 * <li><b>Waiters.</b> A suspension parks on a single-use {@link Waiter}; the first resolution
 *     wins. Kills, cancellations and timeouts resolve the waiter with an exception; if the
 *     fiber is not suspended, the exception is kept as {@code pendingThrow} and raised at its
 *     next suspension point (or right after it resumes, as asyncio does).</li>
 * <li><b>Other threads</b> touch only {@link #incoming} (a lock-free MPSC queue) and wake an
 *     idle loop through {@link Selector#wakeup()} or {@link LockSupport#unpark}; the Dekker
 *     pair is {@code idle} (volatile) written before re-checking {@code incoming}.</li>
 * <li><b>Deadlock.</b> When nothing is runnable and nothing can ever become runnable (no
 *     timer, no socket, no work in other threads, no keep-alive), the root is woken with the
 *     loop's deadlock exception (gevent's {@code LoopExit}) instead of hanging.</li>
 * </ul>
 */
public final class Loop {
    private static final ThreadLocal<Fiber> CURRENT = new ThreadLocal<>();
    private static final ThreadFactory SHARED_THREADS = Thread.ofVirtual().factory();
    private static final AtomicInteger IDS = new AtomicInteger();
    static {
        // Let one virtual thread run to its end before fibers get numerous. Until some virtual
        // thread has terminated, the JDK's VirtualThread.run has not resolved the class it uses
        // on exit (a JFR event class); if C2 compiles run() in that state, every fiber frozen in
        // the compiled frame is deoptimized one by one when it finishes (measured: ~100 000
        // deoptimizations, seconds of CPU, when 100 000 tasks start before any ends).
        try {
            // (a method reference: a lambda body of this class would wait for this very
            // class initialization to finish, and the join below would never return)
            Thread.ofVirtual().start(Thread::onSpinWait).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    final String name;
    final Fiber root;
    final Clock clock;
    private final ThreadFactory threads;
    private final Fiber previousRootBinding;
    private volatile Fiber running;
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private int roundLeft;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private int cancelledTimers;
    private long timerSeq;
    private final MpscLinkedAtomicQueue<Runnable> incoming = new MpscLinkedAtomicQueue<>();
    volatile boolean idle;
    volatile boolean idleSelecting;
    volatile Thread idleThread;
    private final LoopIo io = new LoopIo(this);
    private final AtomicInteger keepAlive = new AtomicInteger();
    boolean inCallback;
    /** An interrupt of the baton holder's thread seen while it waited; switchOut restores it. */
    boolean interruptedWhileIdle;
    private Fiber liveHead;
    private int liveCount;
    private Waiter allDeadWaiter;
    private boolean closed;
    /** Handoffs so far; written by the baton holder, read (opaque) by the stall watchdog. */
    long switches;
    volatile long stallThresholdNanos;
    volatile StallSink stallSink;
    private Function<String, RuntimeException> deadlockError = IllegalStateException::new;
    private final java.util.Map<Class<?>, Object> facades = new java.util.HashMap<>(4);
    /** The facades as {type, facade, ...}, replaced (never changed) when one is added. */
    private volatile Object[] facadeCache = new Object[0];
    private Consumer<Throwable> exceptionHandler;

    private Loop(String name) {
        this.name = name;
        this.clock = Clock.forNewLoop();
        this.threads = SHARED_THREADS;
        this.previousRootBinding = CURRENT.get();
        this.root = new Fiber(this, "main(" + name + ")", null, null, Thread.currentThread());
        this.running = root;
        CURRENT.set(root);
        StallWatchdog.register(this);
    }

    /**
     * Opens a loop whose root is the calling thread; the calling thread holds the baton. The
     * loop stays bound to the thread until {@link #close}, which restores the thread's previous
     * binding.
     *
     * @throws IllegalStateException if the calling thread is a fiber (greenlet or task) of a loop
     */
    public static Loop open(String kind) {
        Fiber f = currentFiber();
        if (f != null && !f.isRoot) {
            throw new IllegalStateException("cannot open a new " + kind + " inside " + f
                    + ", which already runs in one");
        }
        WarmUp.ensure();
        return new Loop(kind + "-" + IDS.incrementAndGet());
    }

    /** The fiber the calling thread runs as, or null if the thread is not bound to any loop. */
    public static Fiber currentFiber() {
        Thread t = Thread.currentThread();
        if (t.isVirtual() && t.getUncaughtExceptionHandler() instanceof Fiber f) return f;
        return CURRENT.get();   // a root: the thread that opened a loop
    }

    /** The fiber of the calling thread, which must belong to this loop and hold its baton. */
    public Fiber current() {
        Fiber f = currentFiber();
        if (f == null || f.loop != this) {
            throw new IllegalStateException(Thread.currentThread() + " does not run in " + name
                    + " (greenlets, tasks and their queues, locks and sockets belong to one hub)");
        }
        return f;
    }

    /** The loop's time, in nanoseconds: its {@link Clock}'s (the JVM's monotonic clock unless a test chose another). */
    public long nanoTime() {
        return clock.nanoTime();
    }

    /** The loop's name (for messages). */
    public String name() {
        return name;
    }


    /** The root fiber (the thread that opened the loop). */
    public Fiber root() {
        return root;
    }

    /** Whether {@link #close} has run. */
    public boolean isClosed() {
        return closed;
    }

    /** Whether the calling code runs inside a loop callback (where suspending is not allowed). */
    public boolean inCallback() {
        return inCallback;
    }

    /**
     * The API object of type {@code type} for this loop (a {@code Hub}, an {@code EventLoop}),
     * created by {@code make} on first request: both APIs can share one loop.
     */
    public <T> T facade(Class<T> type, Function<Loop, T> make) {
        // read without a lock: every gevent and asyncio call looks its facade up (a hub's queue
        // get, asyncio.sleep); facades are only ever added, each published by a volatile write
        Object[] c = facadeCache;
        for (int i = 0; i < c.length; i += 2) {
            if (c[i] == type) return type.cast(c[i + 1]);
        }
        synchronized (this) {
            Object f = facades.get(type);
            if (f == null) {
                f = make.apply(this);
                facades.put(type, f);
                Object[] grown = java.util.Arrays.copyOf(facadeCache, facadeCache.length + 2);
                grown[grown.length - 2] = type;
                grown[grown.length - 1] = f;
                facadeCache = grown;
            }
            return type.cast(f);
        }
    }

    /** What the root receives when the loop would block forever (set by the owning API). */
    public void deadlockError(Function<String, RuntimeException> factory) {
        this.deadlockError = factory;
    }

    /** Where exceptions from callbacks and fibers that nobody will see are reported. */
    public void exceptionHandler(Consumer<Throwable> handler) {
        this.exceptionHandler = handler;
    }

    /** Reports an exception that has no other place to go (asyncio: the loop's exception handler). */
    public void reportException(String context, Throwable t) {
        Consumer<Throwable> h = exceptionHandler;
        if (h != null) {
            try {
                h.accept(t);
                return;
            } catch (Throwable ignored) {
                // fall through to stderr
            }
        }
        System.err.println("c4j " + name + ": " + context);
        t.printStackTrace();
    }

    // ---------------------------------------------------------------- fibers

    /** Creates a fiber (NEW: it runs once {@link #schedule}d or switched to). */
    public Fiber newFiber(String name, Runnable body, Object owner) {
        return link(new Fiber(this, name, body, owner, null));
    }

    /** Creates a fiber named {@code prefix + id} when its name is first needed. */
    public Fiber newFiber(String prefix, long id, Runnable body, Object owner) {
        return link(new Fiber(this, null, prefix, id, body, owner, null));
    }

    private Fiber link(Fiber f) {
        checkOpen();
        f.live = true;
        f.nextLive = liveHead;
        if (liveHead != null) liveHead.prevLive = f;
        liveHead = f;
        liveCount++;
        return f;
    }

    /** Makes a NEW fiber runnable: it will start at its turn in the run queue. */
    public void schedule(Fiber f) {
        if (f.state != Fiber.NEW) throw new IllegalStateException(f + " was already started");
        f.state = Fiber.READY;
        ready.addLast(f);
    }

    /** Marks a NEW fiber that will never run as dead (a raw greenlet killed before it started). */
    public void discardNew(Fiber f) {
        if (f.state != Fiber.NEW) throw new IllegalStateException(f + " has started");
        f.state = Fiber.DEAD;
        unlinkLive(f);
    }

    /** The number of fibers created and not yet dead (the root excluded). */
    public int liveCount() {
        return liveCount;
    }

    /** A snapshot of the live fibers (the root excluded). */
    public List<Fiber> liveFibers() {
        List<Fiber> out = new ArrayList<>(liveCount);
        for (Fiber f = liveHead; f != null; f = f.nextLive) out.add(f);
        return out;
    }

    private void unlinkLive(Fiber f) {
        if (!f.live) return;
        f.live = false;
        if (f.prevLive != null) f.prevLive.nextLive = f.nextLive;
        else liveHead = f.nextLive;
        if (f.nextLive != null) f.nextLive.prevLive = f.prevLive;
        f.prevLive = f.nextLive = null;
        liveCount--;
        if (liveCount == 0 && allDeadWaiter != null) {
            resolve(allDeadWaiter, null);
            allDeadWaiter = null;
        }
    }

    private void runFiber(Fiber f) {
        try {
            f.body.run();
        } catch (Throwable t) {
            reportException("uncaught exception in " + f, t);
        }
        f.state = Fiber.DEAD;
        f.waiting = null;
        unlinkLive(f);
        Fiber target = f.exitTarget;
        if (target != null && target.state == Fiber.READY) {
            handOff(f, target);
        } else {
            switchOut(f);
        }
    }

    // ---------------------------------------------------------------- suspension

    /** A new waiter for the current fiber, to be passed to {@link #suspend}. */
    public Waiter newWaiter() {
        return new Waiter(current(), false);
    }

    /**
     * Suspends the current fiber until {@code w} is resolved, running other fibers meanwhile.
     * Returns the resolution's value, or throws its exception; an exception thrown into the
     * fiber (kill, cancel, timeout) is raised here, before or after the wait.
     */
    public Object suspend(Waiter w) {
        Fiber self = w.fiber;
        checkCanSuspend(self);
        RuntimeException p = self.pendingThrow;
        if (p != null) {
            self.pendingThrow = null;
            w.done = true;
            w.error = p;   // failed: it will never be woken (asyncio's cancelled future)
            throw p;
        }
        if (w.done) return afterResume(self, w);   // resolved before we got to wait: no switch
        self.state = Fiber.SUSPENDED;
        self.waiting = w;
        switchOut(self);
        return afterResume(self, w);
    }

    private Object afterResume(Fiber self, Waiter w) {
        self.waiting = null;
        RuntimeException p = self.pendingThrow;
        if (p != null) {
            self.pendingThrow = null;
            throw p;
        }
        if (w.error != null) throw w.error;
        return w.value;
    }

    private void checkCanSuspend(Fiber self) {
        if (inCallback) {
            throw new IllegalStateException("cannot wait inside a loop callback (done callbacks, "
                    + "callSoon and timer callbacks must not block); start a task or greenlet instead");
        }
        if (running != self) {
            throw new IllegalStateException(self + " does not hold the baton of " + name);
        }
    }

    /** Resolves {@code w} with a value and queues its fiber; false if it was already resolved. */
    public boolean resolve(Waiter w, Object value) {
        if (w.done) return false;
        w.done = true;
        w.value = value;
        makeReady(w);
        return true;
    }

    /** Resolves {@code w} with an exception and queues its fiber; false if already resolved. */
    public boolean fail(Waiter w, RuntimeException error) {
        if (w.done) return false;
        w.done = true;
        w.error = error;
        makeReady(w);
        return true;
    }

    private void makeReady(Waiter w) {
        Fiber f = w.fiber;
        if (f.waiting == w && f.state == Fiber.SUSPENDED) {
            f.state = Fiber.READY;
            ready.addLast(f);
        }
    }

    /**
     * Throws {@code error} into {@code f}: at once if it is suspended (its waiter is resolved with
     * the error), else at its next suspension point. A NEW fiber gets it when it starts.
     */
    public void interrupt(Fiber f, RuntimeException error) {
        if (f.state == Fiber.DEAD) return;
        if (f.state == Fiber.SUSPENDED && f.waiting != null && !f.waiting.done) {
            fail(f.waiting, error);
        } else if (f.pendingThrow == null) {
            f.pendingThrow = error;
        }
    }

    /** Gives the baton to the other runnable fibers and continues at the end of the run queue. */
    public void yieldNow() {
        Fiber self = current();
        checkCanSuspend(self);
        raisePending(self);
        self.state = Fiber.READY;
        ready.addLast(self);
        switchOut(self);
        raisePending(self);
    }

    private static void raisePending(Fiber self) {
        RuntimeException p = self.pendingThrow;
        if (p != null) {
            self.pendingThrow = null;
            throw p;
        }
    }

    /** Suspends the current fiber for {@code nanos} (0 or less: {@link #yieldNow}). */
    public void sleep(long nanos) {
        if (nanos <= 0) {
            yieldNow();
            return;
        }
        Waiter w = newWaiter();
        Timer t = callLater(nanos, () -> resolve(w, null));
        try {
            suspend(w);
        } finally {
            t.cancel();
        }
    }

    /**
     * Direct switch (raw greenlets): hands the baton to {@code target} at once, passing it
     * {@code value} (or throwing {@code error} in it), and suspends the caller until some fiber
     * switches back; returns what that switch passed. {@code target} must be NEW or suspended in
     * a direct switch.
     */
    public Object switchTo(Fiber target, Object value, RuntimeException error) {
        Fiber self = current();
        checkCanSuspend(self);
        if (target == self) {
            if (error != null) throw error;
            return value;
        }
        prepareDirect(target, value, error);
        Waiter w = new Waiter(self, true);
        self.state = Fiber.SUSPENDED;
        self.waiting = w;
        handOff(self, target);
        return afterResume(self, w);
    }

    /** Whether {@link #switchTo} (or a dying fiber's exit) may hand the baton to {@code f}. */
    public boolean canSwitchDirectly(Fiber f) {
        return f.state == Fiber.NEW || f.inRawSwitch();
    }

    /** Prepares {@code target} to receive the baton directly (see {@link #switchTo}). */
    public void prepareDirect(Fiber target, Object value, RuntimeException error) {
        if (target.loop != this) throw new IllegalStateException(target + " belongs to another hub");
        if (target.state == Fiber.NEW) {
            target.startValue = value;
            if (error != null && target.pendingThrow == null) target.pendingThrow = error;
        } else if (target.inRawSwitch()) {
            Waiter tw = target.waiting;
            tw.done = true;
            tw.value = value;
            tw.error = error;
        } else if (target.state == Fiber.DEAD) {
            throw new IllegalStateException(target + " is dead");
        } else {
            throw new IllegalStateException(target + " is waiting in the hub (sleep, queue, socket, join)"
                    + " or is runnable; only a greenlet paused in switchTo can be switched into");
        }
        target.state = Fiber.READY;
    }

    // ---------------------------------------------------------------- the baton

    /**
     * The current fiber gives the baton away: it is suspended (its waiter set), dead, or
     * yielding (already queued). Runs the scheduling step and returns when the fiber holds the
     * baton again (at once if it is the next to run).
     */
    private void switchOut(Fiber self) {
        // The parks below must really block: an interrupt status would make every park return
        // at once (a busy spin). It is set aside and restored when the fiber runs again.
        boolean interrupted = Thread.interrupted();
        try {
            Fiber next = pickNext();
            if (next == self) {
                self.state = Fiber.RUNNING;
                return;
            }
            handOff(self, next);
        } finally {
            if (interrupted | interruptedWhileIdle) {
                interruptedWhileIdle = false;
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handOff(Fiber self, Fiber next) {
        next.state = Fiber.RUNNING;
        Thread t = next.thread;
        boolean fresh = t == null;
        if (fresh) {
            t = threads.newThread(() -> runFiber(next));
            t.setUncaughtExceptionHandler(next);   // how currentFiber() finds the fiber
            next.thread = t;
        }
        boolean selfAlive = self.state != Fiber.DEAD;
        switches++;   // only the holder writes it; published by the volatile write below
        running = next;
        if (fresh) {
            t.start();
        } else {
            LockSupport.unpark(t);
        }
        if (selfAlive) {
            boolean interrupted = false;
            while (running != self) {
                LockSupport.park(this);
                if (Thread.interrupted()) interrupted = true;
            }
            if (interrupted) interruptedWhileIdle = true;   // restored by switchOut
        }
    }

    private Fiber pickNext() {
        for (;;) {
            if (roundLeft <= 0) {
                poll(ready.isEmpty());
                roundLeft = ready.size();
                continue;
            }
            roundLeft--;
            Object e = ready.pollFirst();
            if (e instanceof Fiber f) {
                if (f.state == Fiber.READY) return f;
            } else {
                runCallback((Runnable) e);
            }
        }
    }

    private void runCallback(Runnable r) {
        inCallback = true;
        try {
            r.run();
        } catch (Throwable t) {
            reportException("exception in a loop callback", t);
        } finally {
            inCallback = false;
        }
    }

    /** One round boundary: other threads' submissions, sockets, due timers. */
    private void poll(boolean mayBlock) {
        drainIncoming();
        long waitNanos = 0;   // 0: do not wait; -1: wait without a deadline
        if (mayBlock && ready.isEmpty()) {
            long deadline = nextTimerDeadline();
            if (deadline != Long.MAX_VALUE) {
                waitNanos = Math.max(0, deadline - clock.nanoTime());
                if (waitNanos > 0 && clock.autoJump() && incoming.isEmpty()) {
                    clock.advance(waitNanos);   // a virtual clock: the wait is over at once
                    waitNanos = 0;
                }
            } else if (io.registered == 0 && keepAlive.get() == 0 && incoming.isEmpty()) {
                if (deadlocked()) return;
                waitNanos = -1;
            } else {
                waitNanos = -1;
            }
        }
        if (io.active()) {
            io.select(waitNanos);
        } else if (waitNanos != 0) {
            idleThread = Thread.currentThread();
            idle = true;
            try {
                if (incoming.isEmpty()) {
                    if (waitNanos < 0) LockSupport.park(this);
                    else LockSupport.parkNanos(this, waitNanos);
                }
            } finally {
                idle = false;
            }
            if (Thread.interrupted()) interruptedWhileIdle = true;
        }
        fireTimers();
        drainIncoming();
    }

    private boolean deadlocked() {
        Fiber r = root;
        if (r.state == Fiber.SUSPENDED && r.waiting != null && !r.waiting.done) {
            fail(r.waiting, deadlockError.apply("this operation would block forever: every greenlet"
                    + " or task of " + name + " is waiting and no timer, socket or other thread can wake one"));
            return true;
        }
        return false;
    }

    boolean incomingEmpty() {
        return incoming.isEmpty();
    }

    private void drainIncoming() {
        Runnable r;
        while ((r = incoming.relaxedPoll()) != null) ready.addLast(r);
    }

    // ---------------------------------------------------------------- timers

    /** Runs {@code action} as a loop callback after {@code delayNanos}. Baton holder only. */
    public Timer callLater(long delayNanos, Runnable action) {
        return callAt(clock.nanoTime() + Math.max(0, delayNanos), action);
    }

    /** Runs {@code action} as a loop callback at {@code deadline} ({@link #nanoTime()}). */
    public Timer callAt(long deadline, Runnable action) {
        checkOpen();
        Timer t = new Timer(this, deadline, timerSeq++, action);
        timers.add(t);
        return t;
    }

    void timerCancelled() {
        cancelledTimers++;
        if (cancelledTimers > 256 && cancelledTimers > timers.size() / 2) {
            timers.removeIf(t -> t.cancelled);
            cancelledTimers = 0;
        }
    }

    private long nextTimerDeadline() {
        Timer t;
        while ((t = timers.peek()) != null && t.cancelled) {
            timers.poll();
            cancelledTimers--;
        }
        return t == null ? Long.MAX_VALUE : t.deadline;
    }

    private void fireTimers() {
        if (timers.isEmpty()) return;
        long now = clock.nanoTime();
        Timer t;
        while ((t = timers.peek()) != null && (t.cancelled || t.deadline - now <= 0)) {
            timers.poll();
            if (t.cancelled) {
                cancelledTimers--;
            } else {
                t.fired = true;
                ready.addLast(t.action);
            }
        }
    }

    /** Queues {@code action} as a loop callback (asyncio's {@code call_soon}). Baton holder only. */
    public void callSoon(Runnable action) {
        checkOpen();
        ready.addLast(action);
    }

    /**
     * Queues {@code action} from any thread (asyncio's {@code call_soon_threadsafe}) and wakes the
     * loop if it is idle.
     */
    public void callSoonThreadsafe(Runnable action) {
        incoming.offer(action);
        if (idle) {
            if (idleSelecting) {
                io.wakeup();
            } else {
                LockSupport.unpark(idleThread);
            }
        }
    }

    /**
     * Counts work in other threads that will call back into this loop (an executor job, a
     * handle held by another thread): while the count is positive the loop does not report a
     * deadlock. Thread-safe.
     */
    public void keepAliveAcquire() {
        keepAlive.incrementAndGet();
    }

    /** Ends one {@link #keepAliveAcquire}. Thread-safe. */
    public void keepAliveRelease() {
        if (keepAlive.decrementAndGet() == 0) callSoonThreadsafe(() -> { });
    }

    // ---------------------------------------------------------------- sockets

    /** A handle through which fibers of this loop wait for {@code ch} (non-blocking) to be ready. */
    public IoHandle ioHandle(SelectableChannel ch) {
        if (ch.isBlocking()) throw new IllegalArgumentException(ch + " must be in non-blocking mode");
        return new IoHandle(this, ch);
    }

    /**
     * Suspends the current fiber until {@code h}'s channel is ready for {@code op} (a
     * {@link SelectionKey} OP_ constant). Returns false if {@code timeoutNanos} (negative: none)
     * passed first.
     *
     * @throws IllegalStateException if another fiber already waits for the same direction
     */
    public boolean awaitIo(IoHandle h, int op, long timeoutNanos) {
        return io.await(h, op, timeoutNanos);
    }

    /**
     * Closes {@code h}'s channel: fibers waiting on it get a {@link ClosedChannelException}, and
     * the selector forgets the channel at once, so that the peer sees the close now.
     */
    public void closeIo(IoHandle h) {
        io.close(h);
    }

    // ---------------------------------------------------------------- stall watchdog

    /** The stall threshold (0 disables the report). Thread-safe. */
    public void stallThreshold(long nanos) {
        if (nanos < 0) throw new IllegalArgumentException("stall threshold must not be negative: " + nanos);
        this.stallThresholdNanos = nanos;
    }

    /** Where stall reports go (null: the default logger). Thread-safe. */
    public void stallSink(StallSink sink) {
        this.stallSink = sink;
    }

    Fiber runningFiber() {
        return running;
    }

    boolean isIdle() {
        return idle;
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Closes the loop from its root: throws {@code killWith(f)} into every live fiber, runs until
     * they have all died, closes the selector and restores the thread's previous loop binding.
     */
    public void close(Function<Fiber, RuntimeException> killWith) {
        if (closed) return;
        Fiber self = current();
        if (self != root) throw new IllegalStateException("only the thread that opened " + name + " may close it");
        while (liveCount > 0) {
            for (Fiber f : liveFibers()) {
                if (f.state == Fiber.NEW) {
                    f.pendingThrow = killWith.apply(f);
                    schedule(f);
                } else {
                    interrupt(f, killWith.apply(f));
                }
            }
            Waiter w = newWaiter();
            allDeadWaiter = w;
            try {
                suspend(w);
            } catch (RuntimeException e) {
                // the deadlock report: fibers that ignore their kill and wait forever; give up
                allDeadWaiter = null;
                break;
            }
        }
        closed = true;
        StallWatchdog.unregister(this);
        io.closeSelector();
        if (previousRootBinding != null) CURRENT.set(previousRootBinding);
        else CURRENT.remove();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException(name + " is closed");
    }

    @Override
    public String toString() {
        return name;
    }
}
