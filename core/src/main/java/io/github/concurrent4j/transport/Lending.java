package io.github.concurrent4j.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * What encoding a message lends to its receiver, and how to take it back. Encoding a
 * {@link Transferable} may have side effects in shared state — a pipe end's
 * {@link Transferable#transferOut()} adds a handle to the end's holder table, so that the end
 * stays open until the receiver holds its own. When the receiving process is known (a process
 * start knows the pid of the JVM that will decode its task), such a loan is recorded under the
 * receiver's pid: a receiver that dies before taking it then reads as a close. And when the
 * message is never delivered (encoding failed half-way, or the start failed), {@link #cancel()}
 * undoes every loan the encoding made.
 *
 * <pre>{@code
 * Lending lending = Lending.to(childPid);
 * byte[] task = lending.run(() -> codec.encode(process)); // cancelled at once if encode throws
 * if (!deliver(task)) lending.cancel();
 * }</pre>
 *
 * <p>Thread safety: a {@code Lending} is bound to the thread that calls {@link #run} for the
 * duration of the call (a {@link ScopedValue}); {@link #cancel()} may be called from any thread,
 * once the encoding has returned.
 */
public final class Lending {
    private static final ScopedValue<Lending> CURRENT = ScopedValue.newInstance();

    private final long receiverPid;
    private final List<Runnable> undo = new ArrayList<>();
    private boolean cancelled;

    private Lending(long receiverPid) {
        this.receiverPid = receiverPid;
    }

    /** Loans made while encoding for the process {@code receiverPid}. */
    public static Lending to(long receiverPid) {
        if (receiverPid <= 0) throw new IllegalArgumentException("not a pid: " + receiverPid);
        return new Lending(receiverPid);
    }

    /** Runs {@code encode} with this lending in effect; if it throws, the loans it made are cancelled. */
    public <T> T run(Supplier<T> encode) {
        try {
            return ScopedValue.where(CURRENT, this).call(encode::get);
        } catch (RuntimeException | Error e) {
            cancel();
            throw e;
        }
    }

    /** Takes back every loan made by {@link #run} (in reverse order), once. */
    public void cancel() {
        List<Runnable> todo;
        synchronized (this) {
            if (cancelled) return;
            cancelled = true;
            todo = new ArrayList<>(undo);
        }
        for (int i = todo.size() - 1; i >= 0; i--) {
            try {
                todo.get(i).run();
            } catch (RuntimeException e) {
                // a loan already taken back (its receiver's slot was reused after it died): nothing to undo
            }
        }
    }

    /**
     * For {@link Transferable#transferOut()}: the pid of the process that will decode what is
     * being encoded on this thread, if the encoder knows it; a loan should then be recorded
     * under that pid rather than the sender's.
     */
    public static OptionalLong receiver() {
        return CURRENT.isBound() ? OptionalLong.of(CURRENT.get().receiverPid) : OptionalLong.empty();
    }

    /**
     * For {@link Transferable#transferOut()}: how to take back the loan it just made, should the
     * message never reach its receiver. Does nothing outside {@link #run}.
     */
    public static void onCancel(Runnable undoLoan) {
        if (!CURRENT.isBound()) return;
        Lending l = CURRENT.get();
        synchronized (l) {
            l.undo.add(undoLoan);
        }
    }
}
