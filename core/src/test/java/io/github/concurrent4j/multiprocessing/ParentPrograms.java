package io.github.concurrent4j.multiprocessing;

/** "User programs" that tests run in a separate JVM, to see what happens when a parent exits or dies. */
final class ParentPrograms {
    private ParentPrograms() {}

    /** Starts a daemon and a non-daemon child, has a daemon try to start a child, then returns from main. */
    static final class ExitingParent {
        public static void main(String[] args) throws Exception {
            Process daemon = new Process(() -> Thread.sleep(60_000));
            daemon.setDaemon(true);
            daemon.start();
            System.out.println("DAEMON " + daemon.pid());
            Process worker = new Process(() -> {
                Thread.sleep(1_000);
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
}
