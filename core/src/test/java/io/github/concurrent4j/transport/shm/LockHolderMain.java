package io.github.concurrent4j.transport.shm;

import java.nio.file.Path;

/**
 * A child JVM for the shared-memory tests: {@code hold FILE OFFSET} takes the lock at OFFSET in
 * FILE, prints {@code held}, and sleeps until killed; {@code count FILE OFFSET N} adds 1 to the
 * plain (non-atomic) counter right after the lock N times under the lock, then prints {@code done}.
 */
public final class LockHolderMain {
    public static void main(String[] args) throws Exception {
        SharedFile f = SharedFile.open(Path.of(args[1]));
        long at = Long.parseLong(args[2]);
        RobustLock lock = new RobustLock(f.memory(), at);
        switch (args[0]) {
            case "hold" -> {
                RobustLock.Outcome o = lock.acquire();
                System.out.println("held " + o);
                System.out.flush();
                Thread.sleep(600_000);
            }
            case "count" -> {
                int n = Integer.parseInt(args[3]);
                long counter = at + RobustLock.SIZE;
                System.out.println("ready");
                System.out.flush();
                for (int i = 0; i < n; i++) {
                    lock.acquire();
                    try {
                        long v = f.memory().get(java.lang.foreign.ValueLayout.JAVA_LONG, counter);
                        f.memory().set(java.lang.foreign.ValueLayout.JAVA_LONG, counter, v + 1);
                    } finally {
                        lock.release();
                    }
                }
                System.out.println("done");
                System.out.flush();
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
