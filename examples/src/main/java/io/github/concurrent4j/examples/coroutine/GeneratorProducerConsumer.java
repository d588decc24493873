package io.github.concurrent4j.examples.coroutine;

import io.github.concurrent4j.coroutine.Generator;
import io.github.concurrent4j.coroutine.StopIterationException;

/**
 * The producer–consumer built on {@code yield}/{@code send} that the coroutine chapter starts
 * from: no thread and no lock; the producer hands each item to the consumer by resuming it, and
 * the consumer's {@code yield} both returns its answer and waits for the next item.
 *
 * <pre>
 * def consumer():                                def produce(c):
 *     r = ''                                         c.send(None)
 *     while True:                                    n = 0
 *         n = yield r                                while n &lt; 5:
 *         if not n:                                      n = n + 1
 *             return                                     print('[PRODUCER] Producing %s...' % n)
 *         print('[CONSUMER] Consuming %s...' % n)        r = c.send(n)
 *         r = '200 OK'                                   print('[PRODUCER] Consumer return: %s' % r)
 *                                                    c.close()
 * c = consumer()
 * produce(c)
 * </pre>
 */
public final class GeneratorProducerConsumer {
    private GeneratorProducerConsumer() {}

    static Generator<String> consumer() {
        return Generator.of(() -> {
            String r = "";
            while (true) {
                Integer n = Generator.yield(r);
                if (n == null) return;
                System.out.println("[CONSUMER] Consuming " + n + "...");
                r = "200 OK";
            }
        });
    }

    static void produce(Generator<String> c) {
        c.send(null);                                   // start it: run to the first yield
        int n = 0;
        while (n < 5) {
            n = n + 1;
            System.out.println("[PRODUCER] Producing " + n + "...");
            String r = c.send(n);
            System.out.println("[PRODUCER] Consumer return: " + r);
        }
        c.close();                                      // GeneratorExit at the consumer's yield
    }

    public static void main(String[] args) {
        Generator<String> c = consumer();
        produce(c);
        System.out.println("consumer closed: " + c.isClosed());

        // a generator that returns a value: next() ends with StopIteration carrying it
        Generator<Integer> countdown = Generator.returning(() -> {
            for (int i = 3; i > 0; i--) Generator.yield(i);
            return "liftoff";
        });
        try {
            while (true) System.out.println("countdown " + countdown.next());
        } catch (StopIterationException end) {
            System.out.println("StopIteration: " + end.value().orElse(""));
        }
    }
}
