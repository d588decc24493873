package io.github.concurrent4j.multiprocessing;

/** "User programs" that tests run in a separate JVM, to see what happens when a parent exits or dies. */
final class ParentPrograms {
    private ParentPrograms() {}

    /**
     * Starts a daemon and a non-daemon child, has a daemon try to start a child, then returns from
     * main; the non-daemon child finishes after that.
     */
    static final class ExitingParent {
        public static void main(String[] args) throws Exception {
            Process daemon = new Process(() -> Thread.sleep(60_000));
            daemon.setDaemon(true);
            daemon.start();
            System.out.println("DAEMON " + daemon.pid());
            // The worker finishes only after main has returned (a marker file says so), so that the
            // test sees that the parent's exit waits for it, whatever the machine's load.
            String marker = java.nio.file.Files.createTempFile("concurrent4j-test-main-returned-", "").toString();
            java.nio.file.Files.delete(java.nio.file.Path.of(marker));
            Process worker = new Process(() -> {
                java.nio.file.Path m = java.nio.file.Path.of(marker);
                for (int i = 0; i < 6_000 && !java.nio.file.Files.exists(m); i++) Thread.sleep(10);
                java.nio.file.Files.deleteIfExists(m);
                System.out.println("WORKER DONE");
            });
            worker.start();
            System.out.println("WORKER " + worker.pid());
            Process spawner = new Process(() -> {
                try {
                    new Process(() -> {}).start();
                    System.out.println("DAEMON-START NOT REFUSED");
                } catch (IllegalStateException e) {
                    System.out.println("DAEMON-START REFUSED: " + e.getMessage());
                }
            });
            spawner.setDaemon(true);
            spawner.start();
            spawner.join();
            System.out.println("MAIN RETURNS");
            java.nio.file.Files.createFile(java.nio.file.Path.of(marker));
        }
    }

    /** Starts three sleeping children (one daemon), prints their pids, and waits to be killed. */
    static final class SleepingParent {
        public static void main(String[] args) throws Exception {
            StringBuilder pids = new StringBuilder("CHILDREN");
            for (int i = 0; i < 3; i++) {
                Process p = new Process(() -> Thread.sleep(120_000));
                p.setDaemon(i == 0);
                p.start();
                pids.append(' ').append(p.pid());
            }
            System.out.println(pids);
            Thread.sleep(120_000);
        }
    }

    /**
     * A whole family to be killed: two children holding a pipe end, one with a grandchild, the
     * standby pool, a listener, and a file registered with the resource tracker. Prints the pids
     * of every descendant but the tracker, the tracker's pid and the registered file, then waits.
     */
    static final class WholeFamily {
        public static void main(String[] args) throws Exception {
            io.github.concurrent4j.multiprocessing.connection.Pipe pipe = io.github.concurrent4j.multiprocessing.connection.Pipe.open();
            var mine = pipe.conn1();
            var theirs = pipe.conn2();
            var listener = io.github.concurrent4j.multiprocessing.connection.Listener.open();
            java.nio.file.Path registered = java.nio.file.Path.of("/dev/shm", "concurrent4j-test-registered-" + ProcessHandle.current().pid());
            java.nio.file.Files.writeString(registered, "a named segment outside the family's directories");
            io.github.concurrent4j.multiprocessing.internal.ResourceTracker.register(registered);
            Process withGrandchild = new Process(() -> {
                Process grandchild = new Process(() -> {
                    theirs.send(ProcessHandle.current().pid());
                    Thread.sleep(120_000);
                });
                grandchild.start();
                theirs.send(ProcessHandle.current().pid());
                Thread.sleep(120_000);
            });
            Process plain = new Process(() -> {
                theirs.send(ProcessHandle.current().pid());
                Thread.sleep(120_000);
            });
            withGrandchild.start();
            plain.start();
            for (int i = 0; i < 3; i++) mine.recv(); // every family process is running
            Multiprocessing.prestart();
            StringBuilder family = new StringBuilder("FAMILY");
            ProcessHandle.current().descendants()
                    .filter(h -> !io.github.concurrent4j.multiprocessing.internal.ResourceTracker.isTracker(h.pid()))
                    .forEach(h -> family.append(' ').append(h.pid()));
            System.out.println(family);
            System.out.println("TRACKER " + ProcessHandle.current().children()
                    .filter(h -> io.github.concurrent4j.multiprocessing.internal.ResourceTracker.isTracker(h.pid()))
                    .findFirst().map(ProcessHandle::pid).orElse(-1L));
            System.out.println("REGISTERED " + registered + " LISTENER " + listener.address());
            Thread.sleep(120_000);
        }
    }

    /**
     * Child JVMs that cannot start (an unknown JVM option): prints, for a cold start, a warm
     * start and a prestart, the classes of the exception and its causes.
     */
    static final class BrokenChildOptions {
        public static void main(String[] args) throws Exception {
            System.setProperty("c4j.child.jvmOptions", "-XX:+NoSuchOptionForConcurrent4j");
            report("SPAWN", () -> {
                Process p = new Process(() -> {});
                p.setStartMethod(StartMethod.SPAWN);
                p.start();
            });
            report("WARM", () -> new Process(() -> {}).start());
            report("PRESTART", () -> Multiprocessing.prestart(1, java.time.Duration.ofSeconds(60)));
        }

        static void report(String what, Runnable r) {
            try {
                r.run();
                System.out.println(what + " no exception");
            } catch (RuntimeException e) {
                StringBuilder chain = new StringBuilder(what);
                for (Throwable t = e; t != null; t = t.getCause()) chain.append(' ').append(t.getClass().getName());
                System.out.println(chain);
                System.out.println(what + " MESSAGE " + e.getMessage());
            }
        }
    }

    /**
     * A program whose class path is made of JARs, so that its children get an AOT cache: it
     * starts a process, waits for the cache to be trained, then starts three that print.
     */
    static final class AotTrainingParent {
        public static void main(String[] args) throws Exception {
            Process first = new Process(() -> System.out.println("CHILD first"));
            first.start();
            first.join();
            boolean trained = io.github.concurrent4j.multiprocessing.internal.AotCache.get()
                    .awaitReady(java.time.Duration.ofMinutes(3));
            System.out.println("AOT " + trained);
            java.util.List<Process> ps = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                Process p = new Process(() -> System.out.println("CHILD " + n));
                p.start();
                ps.add(p);
            }
            for (Process p : ps) p.join();
            System.out.println("DONE");
        }
    }
}
