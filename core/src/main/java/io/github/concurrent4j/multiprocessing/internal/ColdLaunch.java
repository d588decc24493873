package io.github.concurrent4j.multiprocessing.internal;

import java.util.List;

import io.github.concurrent4j.transport.Lending;

/**
 * {@link JvmSource#cold()}: a fresh JVM for each process, as Python's {@code spawn}. The task is
 * encoded while the new JVM boots (its pid is known as soon as it exists), so a task that cannot
 * be encoded fails at once, and the JVM started for it is killed.
 */
final class ColdLaunch implements JvmSource {
    static final ColdLaunch INSTANCE = new ColdLaunch();

    private ColdLaunch() {}

    @Override
    public Jvm start(StartRequest request) {
        Priming.shared().rememberStandIn(request.standIn());
        Launcher.Pending pending = Launcher.spawn(Launcher.Kind.COLD, AotCache.get().options());
        return run(pending, request);
    }

    /** Encodes the task for {@code pending}'s pid, waits for it to connect, hands it the task; undoes it all on failure. */
    static Jvm run(Launcher.Pending pending, StartRequest request) {
        Lending lending = Lending.to(pending.pid());
        byte[] task;
        try {
            task = lending.run(request.encoder());
        } catch (RuntimeException | Error e) {
            pending.abandon();
            throw e;
        }
        try {
            Jvm j = pending.await();
            j.send(request.runMessage(task));
            return j;
        } catch (IllegalStateException gone) {
            lending.cancel();
            pending.abandon();
            throw new ProcessStartException(gone.getMessage(), gone.getCause());
        } catch (RuntimeException e) {
            lending.cancel();
            pending.abandon();
            throw e;
        }
    }

    /** For diagnostics: the command line of a cold child. */
    static List<String> command() {
        return Launcher.command();
    }
}
