package io.github.concurrent4j.examples.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.sharedctypes.Value;
import io.github.concurrent4j.multiprocessing.synchronize.Event;
import io.github.concurrent4j.multiprocessing.synchronize.Lock;

/**
 * The seeds' ticket sale (seed 000 "锁" and seed 004 "互斥锁运用：买票案例"): a JSON file holds
 * one ticket; 10 processes, started together, each look it up (concurrently: everyone sees 1 ticket), then buy it:
 * read the file, and if a ticket is left, decrement and write it back. Without a lock the
 * read-then-write of several buyers interleaves and the one ticket is sold several times; with a
 * process {@link Lock} passed to every buyer, buying is serial and exactly one buyer gets it.
 *
 * <pre>
 * def buy_ticket(user, lock):
 *     lock.acquire()
 *     with open('tickets.txt') as f: dic = json.load(f)
 *     if dic["count"] > 0: print('%s已买到票' % user); dic["count"] -= 1
 *     else: print('%s没买到票' % user)
 *     with open('tickets.txt', 'w') as f: json.dump(dic, f)
 *     lock.release()
 * lock = Lock()
 * for i in range(10):
 *     search_ticket('user%s ' % (i + 1)); Process(target=buy_ticket, args=('user%s ' % (i + 1), lock)).start()
 * </pre>
 *
 * {@code examples/run process-ticket-sale} runs both rounds; {@code --no-lock} or
 * {@code --lock} one of them. The "network delay" of seed 004 is a 50 ms sleep between reading
 * and writing the file, so the unlocked buyers overlap. Each round prints how many bought.
 */
public final class TicketSale {
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(-?\\d+)");

    private TicketSale() {}

    static int readCount(Path db) {
        try {
            Matcher m = COUNT.matcher(Files.readString(db, StandardCharsets.UTF_8));
            if (!m.find()) throw new IllegalStateException(db + " holds no \"count\"");
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeCount(Path db, int count) {
        try {
            // written aside and renamed over the file, so a concurrent reader sees the old or the new content, never half
            Path tmp = Files.createTempFile(db.getParent(), "tickets", ".tmp");
            Files.writeString(tmp, "{\"count\": " + count + "}", StandardCharsets.UTF_8);
            Files.move(tmp, db, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void searchTicket(String user, Path db) {
        System.out.println(user + "查询结果：" + readCount(db) + "张余票");
    }

    static void buyTicket(String user, Path db, Lock lock, Value bought) throws InterruptedException {
        if (lock != null) lock.acquire();
        try {
            int count = readCount(db);
            Thread.sleep(50); // the seeds' network delay: other buyers read the same count meanwhile
            if (count > 0) {
                System.out.println(user + "已买到票");
                bought.incrementAndGet();
                writeCount(db, count - 1);
            } else {
                System.out.println(user + "没买到票");
                writeCount(db, count);
            }
        } finally {
            if (lock != null) lock.release();
        }
    }

    /** One round; returns how many buyers got "the" ticket. */
    static int round(boolean locked) throws IOException {
        Path db = Files.createTempFile("tickets", ".json");
        writeCount(db, 1);
        String file = db.toString();
        Lock lock = locked ? new Lock() : null;
        Value bought = Value.raw('i', 0);
        Event go = new Event(); // every buyer starts at once, as the seeds' buyers all wait out the same network delay
        System.out.println(locked ? "--- with a process Lock ---" : "--- without a lock ---");
        List<Process> buyers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String user = "user" + (i + 1) + " ";
            Process p = new Process(() -> {
                go.await();
                searchTicket(user, Path.of(file)); // looking is concurrent: everyone sees the ticket
                buyTicket(user, Path.of(file), lock, bought);
            });
            p.start();
            buyers.add(p);
        }
        go.set();
        for (Process p : buyers) p.join();
        go.close();
        int n = bought.getInt();
        System.out.println("tickets sold: " + n + " (there was 1); left in the file: " + readCount(db));
        bought.close();
        if (lock != null) lock.close();
        Files.delete(db);
        return n;
    }

    public static void main(String[] args) throws IOException {
        boolean lockOnly = List.of(args).contains("--lock"), noLockOnly = List.of(args).contains("--no-lock");
        if (!lockOnly) round(false);
        if (!noLockOnly) {
            int n = round(true);
            if (n != 1) throw new AssertionError("with the lock exactly one buyer must get the ticket, not " + n);
        }
    }
}
