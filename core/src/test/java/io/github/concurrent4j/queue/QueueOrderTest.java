package io.github.concurrent4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FIFO, LIFO and priority orders; acceptance 6's "(priority, item) pairs as Python does". */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QueueOrderTest {

    private static <E> List<E> drain(Queue<E> q) {
        List<E> out = new ArrayList<>();
        while (!q.empty()) {
            out.add(q.getNowait());
        }
        return out;
    }

    @Test
    void fifoAndLifo() {
        Queue<Integer> fifo = new Queue<>(5);
        LifoQueue<Integer> lifo = new LifoQueue<>(4);
        for (int i = 1; i <= 4; i++) {
            fifo.put(i);
            lifo.put(i);
        }
        assertThat(drain(fifo)).containsExactly(1, 2, 3, 4);
        assertThat(drain(lifo)).containsExactly(4, 3, 2, 1);
    }

    @Test
    void priorityPairsComeOutAsPythonOrdersTuples() {
        // the seed: pq.put((10, 'henry')); pq.put((6, 'echo')); pq.put((10, 'dean'))
        PriorityQueue<Prioritized<String>> pq = new PriorityQueue<>();
        pq.put(Prioritized.of(10, "henry"));
        pq.put(Prioritized.of(6, "echo"));
        pq.put(Prioritized.of(10, "dean"));
        assertThat(drain(pq)).extracting(Prioritized::toString).containsExactly("(6, echo)", "(10, dean)", "(10, henry)");
    }

    @Test
    void equalEntriesComeOutInTheOrderTheyWerePut() {
        PriorityQueue<Prioritized<String>> pq = new PriorityQueue<>();
        Prioritized<String> first = Prioritized.of(1, "same");
        Prioritized<String> second = Prioritized.of(1, "same");
        Prioritized<String> third = Prioritized.of(1, "same");
        pq.put(first);
        pq.put(Prioritized.of(0, "urgent"));
        pq.put(second);
        pq.put(third);
        List<Prioritized<String>> out = drain(pq);
        assertThat(out.getFirst().item()).isEqualTo("urgent");
        assertThat(out.get(1)).isSameAs(first);
        assertThat(out.get(2)).isSameAs(second);
        assertThat(out.get(3)).isSameAs(third);
    }

    @Test
    void itemsOfEqualPriorityThatCannotBeOrderedRaiseLikePythonsTypeError() {
        PriorityQueue<Prioritized<Object>> pq = new PriorityQueue<>();
        pq.put(Prioritized.of(1, new Object()));
        pq.put(Prioritized.of(2, new Object())); // different priorities: items never compared
        assertThatThrownBy(() -> pq.put(Prioritized.of(1, new Object())))
                .isInstanceOf(ClassCastException.class)
                .hasMessageContaining("'<' not supported");
        assertThat(pq.qsize()).as("the failed put left the queue unchanged").isEqualTo(2);
        assertThat(pq.getNowait().priority()).isEqualTo(1);
        assertThat(pq.getNowait().priority()).isEqualTo(2);
        assertThat(pq.join(Duration.ZERO)).isFalse(); // two tasks put, none done: the failed put added none
        pq.taskDone();
        pq.taskDone();
        assertThat(pq.join(Duration.ZERO)).isTrue();
    }

    @Test
    void plainComparableItemsAndComparators() {
        PriorityQueue<Integer> ints = new PriorityQueue<>();
        for (int i : new int[] {5, 1, 4, 2, 3}) {
            ints.put(i);
        }
        assertThat(drain(ints)).containsExactly(1, 2, 3, 4, 5);

        PriorityQueue<String> byLength = new PriorityQueue<>(0, Comparator.comparingInt(String::length));
        byLength.put("ccc");
        byLength.put("a");
        byLength.put("bb");
        assertThat(drain(byLength)).containsExactly("a", "bb", "ccc");

        PriorityQueue<Object> notComparable = new PriorityQueue<>();
        assertThatThrownBy(() -> notComparable.put(new Object()))
                .isInstanceOf(ClassCastException.class).hasMessageContaining("must be Comparable");
        assertThat(notComparable.qsize()).isZero();
    }
}
