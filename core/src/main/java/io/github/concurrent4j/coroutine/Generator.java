package io.github.concurrent4j.coroutine;

import io.github.concurrent4j.coroutine.internal.Coroutine;
import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The equivalent of a Python generator: a body that produces values one at a time with
 * {@link #yield Generator.yield(value)} and is resumed by {@link #next()} ({@code next(g)}),
 * {@link #send} ({@code g.send(v)}), {@link #throwInto} ({@code g.throw(e)}) and
 * {@link #close()} ({@code g.close()}).
 *
 * <pre>{@code
 * # Python                                  // Java
 * def consumer():                           Generator<String> c = Generator.of(() -> {
 *     r = ''                                    String r = "";
 *     while True:                               while (true) {
 *         n = yield r                               Integer n = Generator.yield(r);
 *         if not n: return                          if (n == null) return;
 *         print('consuming', n)                     System.out.println("consuming " + n);
 *         r = '200 OK'                              r = "200 OK";
 *                                               }
 *                                           });
 * c.send(None)                              c.send(null);
 * r = c.send(1)                             String r = c.send(1);
 * c.close()                                 c.close();
 * }</pre>
 *
 * <p>Behaviour, as Python's: the body does not start until the first {@code next()} or
 * {@code send(null)} (sending anything else to a just-started generator is refused); each
 * resume runs the body to its next {@code yield}, whose value it returns, and the value sent
 * becomes what that {@code yield} returns ({@code null} for {@code next()}). When the body
 * returns, {@code next()} and {@code send} throw {@link StopIterationException} carrying the
 * return value ({@link #returning}); an exception leaving the body propagates to the caller
 * and ends the generator. {@link #throwInto} raises an exception at the suspended
 * {@code yield}; {@link #close()} raises {@link GeneratorExitException} there, so that
 * {@code finally} blocks run. A generator is also an {@link Iterator} (and {@link Iterable},
 * once), so {@code for (T x : gen)} works as Python's {@code for x in gen}.
 *
 * <p><b>How it runs.</b> The body runs on a virtual thread of its own, but only while its
 * caller waits for it, exactly as if it were called: the caller and the body never run at the
 * same time, and a resume is a hand-off between the two threads (an asymmetric coroutine, the
 * runtime under greenlets and asyncio tasks too). Any thread may drive a generator, one at a
 * time; a resume from within the body itself is refused ("generator already executing").
 *
 * <p><b>Differences from Python.</b> {@code yield} is a Java keyword-like identifier, so the
 * body calls {@code Generator.yield(v)}; it returns the sent value cast to what the body
 * assigns it to. {@code throw} is {@link #throwInto}. A generator abandoned in the middle of
 * its body is closed when the garbage collector finds it unreachable (as CPython closes it),
 * but later than CPython, which counts references: close generators you stop early with
 * {@link #close()} or try-with-resources. A {@link StopIterationException} that escapes the
 * body is turned into an {@link IllegalStateException} (PEP 479).
 *
 * <p><b>Thread safety.</b> Not thread-safe: one thread at a time drives a generator (as in
 * Python). <b>Memory consistency effects.</b> Actions before a resume happen-before the body's
 * actions after its {@code yield} returns, and the body's actions before a {@code yield}
 * happen-before the actions after the resume returns.
 *
 * @param <T> the type of the values yielded
 */
public final class Generator<T> implements Iterator<T>, Iterable<T>, AutoCloseable {
    private static final ScopedValue<Coroutine> CURRENT = ScopedValue.newInstance();
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "c4j-generator-cleaner");
        t.setDaemon(true);
        return t;
    });

    /** A generator body without a return value. */
    @FunctionalInterface
    public interface Body {
        /** Runs the body, which yields with {@link Generator#yield}. */
        void run() throws Exception;
    }

    private final Coroutine co;
    private boolean closed;
    private boolean running;
    /** A value that {@link #hasNext()} fetched and {@link #next()} has not taken yet. */
    private boolean buffered;
    private T bufferedValue;
    private StopIterationException stop;
    private boolean iterated;

    private Generator(Callable<?> body) {
        Objects.requireNonNull(body, "body");
        Coroutine c = new Coroutine("generator-", self -> ScopedValue.where(CURRENT, self).call(body::call));
        this.co = c;
        // the cleaner action must not reach this object: it holds only the coroutine
        CLEANER.register(this, () -> c.abandon(new GeneratorExitException()));
    }

    /** A generator running {@code body} ({@code def gen(): ... yield ...}; {@code gen()}). */
    public static <T> Generator<T> of(Body body) {
        Objects.requireNonNull(body, "body");
        return new Generator<>(() -> {
            body.run();
            return null;
        });
    }

    /**
     * A generator whose body returns a value when it ends ({@code return x} in a Python
     * generator): the {@link StopIterationException} of the end carries it.
     */
    public static <T> Generator<T> returning(Callable<?> body) {
        return new Generator<>(body);
    }

    /**
     * Called from a generator's body: hands {@code value} to the caller of {@code next()} /
     * {@code send} and suspends the body until the generator is resumed; returns the value
     * sent ({@code null} for {@code next()}), or throws what {@link #throwInto} or
     * {@link #close()} throws in ({@code x = yield value}).
     *
     * @throws IllegalStateException if the calling code is not a generator's body
     */
    @SuppressWarnings("unchecked")
    public static <S> S yield(Object value) {
        Coroutine c = CURRENT.isBound() ? CURRENT.get() : null;
        if (c == null || !c.isBodyThread()) {
            throw new IllegalStateException("Generator.yield() is called outside a generator's body");
        }
        return (S) c.suspend(value);
    }

    /**
     * Resumes the body until its next {@code yield} and returns the value yielded
     * ({@code next(g)}).
     *
     * @throws StopIterationException if the body has ended (carrying its return value)
     */
    @Override
    public T next() {
        if (buffered) {
            buffered = false;
            T v = bufferedValue;
            bufferedValue = null;
            return v;
        }
        return resume(null, null);
    }

    /**
     * Whether {@link #next()} will return a value: runs the body to its next {@code yield}
     * (keeping the value for {@code next()}) or its end. For Java's iteration; Python has no
     * equivalent.
     */
    @Override
    public boolean hasNext() {
        if (buffered) return true;
        if (closed || co.finished()) return false;
        try {
            bufferedValue = resume(null, null);
            buffered = true;
            return true;
        } catch (StopIterationException end) {
            return false;
        }
    }

    /**
     * Resumes the body with {@code value} as the result of its suspended {@code yield}, and
     * returns the next value yielded ({@code g.send(value)}).
     *
     * @throws IllegalArgumentException if the body has not started and {@code value} is not
     *                                  null ("can't send non-None value to a just-started generator")
     * @throws StopIterationException   if the body ends
     */
    public T send(Object value) {
        checkNotBuffered("send");
        if (value != null && !co.started() && !closed) {
            throw new IllegalArgumentException("can't send non-None value to a just-started generator");
        }
        return resume(value, null);
    }

    /**
     * Raises {@code error} in the body at its suspended {@code yield} ({@code g.throw(error)}),
     * and returns the next value the body yields if it handles it. A body that has not started
     * never runs: the exception ends it and is thrown here, as from a finished generator.
     *
     * @throws StopIterationException if the body handles it and ends
     */
    public T throwInto(RuntimeException error) {
        Objects.requireNonNull(error, "error");
        checkNotBuffered("throwInto");
        if (closed || co.finished()) throw error;
        return resume(null, error);
    }

    /**
     * Ends the generator ({@code g.close()}): raises {@link GeneratorExitException} at the
     * suspended {@code yield}, so that the body's {@code finally} blocks run. Does nothing if
     * the body has ended or never started (it then never will).
     *
     * @throws IllegalStateException if the body yields again ("generator ignored GeneratorExit")
     */
    @Override
    public void close() {
        buffered = false;
        bufferedValue = null;
        if (closed || co.finished()) {
            closed = true;
            return;
        }
        if (!co.started()) {
            closed = true;
            return;
        }
        try {
            resume(null, new GeneratorExitException());
        } catch (GeneratorExitException | StopIterationException expected) {
            return;
        }
        throw new IllegalStateException("generator ignored GeneratorExit");
    }

    private T resume(Object value, RuntimeException throwIn) {
        if (running || co.isBodyThread()) throw new IllegalStateException("generator already executing");
        if (closed || co.finished()) {
            if (throwIn != null) throw throwIn;
            throw stop != null ? stop : new StopIterationException(null);
        }
        running = true;
        Coroutine.Outcome o;
        try {
            o = co.resume(value, throwIn);
        } catch (StopIterationException escaped) {
            closed = true;
            throw new IllegalStateException("generator raised StopIteration", escaped);
        } catch (RuntimeException | Error e) {
            closed = true;
            throw e;
        } finally {
            running = false;
        }
        if (o.ended()) {
            closed = true;
            StopIterationException end = new StopIterationException(o.value());
            stop = new StopIterationException(null);   // later calls: a bare StopIteration
            throw end;
        }
        @SuppressWarnings("unchecked")
        T v = (T) o.value();
        return v;
    }

    private void checkNotBuffered(String op) {
        if (buffered) {
            throw new IllegalStateException(op + "() after hasNext() fetched a value that next() has not taken");
        }
    }

    /**
     * This generator, as an {@link Iterable} for a for-each loop; like a Python generator it
     * can be iterated once.
     *
     * @throws IllegalStateException on a second call
     */
    @Override
    public Iterator<T> iterator() {
        if (iterated) throw new IllegalStateException("a generator can be iterated only once");
        iterated = true;
        return this;
    }

    /** Whether the body has ended or the generator was closed. */
    public boolean isClosed() {
        return closed || co.finished();
    }

    @Override
    public String toString() {
        return "<generator " + co + (isClosed() ? " closed" : co.started() ? " suspended" : " created") + ">";
    }
}
