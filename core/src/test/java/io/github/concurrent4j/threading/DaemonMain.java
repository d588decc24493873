package io.github.concurrent4j.threading;

import java.io.IOException;

/**
 * The child program of {@link ThreadingTest}: starts one thread through {@link Threading} and
 * returns from {@code main}. With argument {@code daemon} the thread is a daemon that never
 * ends; with {@code non-daemon} it is an ordinary thread that ends when its stdin closes.
 */
public final class DaemonMain {
    private DaemonMain() {}

    public static void main(String[] args) {
        boolean daemon = args[0].equals("daemon");
        Threading.start("son", daemon, () -> {
            if (daemon) {
                while (true) {
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            try {
                while (System.in.read() != -1) {
                    // wait for EOF
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            System.out.println("son done");
        });
        System.out.println("main done");
    }
}
