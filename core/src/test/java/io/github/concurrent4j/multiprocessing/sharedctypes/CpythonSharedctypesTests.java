package io.github.concurrent4j.multiprocessing.sharedctypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.synchronize.RLock;

/**
 * Ported from CPython 3.13 {@code Lib/test/_test_multiprocessing.py}: {@code _TestValue} and
 * {@code _TestArray}. Python's {@code TypeError('bad typecode')} is an
 * {@link IllegalArgumentException}; {@code get_obj()} (the raw ctypes object behind the
 * synchronized wrapper) has no Java counterpart: a {@code Value} is both; Python's
 * {@code lock=False} is {@code Value.raw}/{@code Array.raw}, and a missing {@code get_lock}
 * attribute is an {@link IllegalStateException}. Slices ({@code arr[2:7]}) are loops here.
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CpythonSharedctypesTests {

    static void runChild(io.github.concurrent4j.function.SerializableRunnable target) {
        Process p = new Process(target);
        p.setDaemon(true);
        p.start();
        p.join();
        assertThat(p.exitCode()).hasValue(0);
    }

    @Nested
    class _TestValue {
        // codes_values: ('i', 4343, 24234), ('d', 3.625, -4.25), ('h', -232, 234), ('q', 2**33, 2**34), ('c', b'x', b'y')
        final char[] codes = {'i', 'd', 'h', 'q', 'c'};
        final Number[] first = {4343, 3.625, (short) -232, 1L << 33, (byte) 'x'};
        final Number[] second = {24234, -4.25, (short) 234, 1L << 34, (byte) 'y'};

        void test_value(boolean raw) {
            List<Value> values = new ArrayList<>();
            for (int i = 0; i < codes.length; i++) values.add(raw ? Value.raw(codes[i], first[i]) : Value.of(codes[i], first[i]));
            for (int i = 0; i < codes.length; i++) assertThat(values.get(i).get()).isEqualTo(first[i]);
            List<Number> want = List.of(second); // a List travels to the child (a Number[] is not on the allow-list)
            runChild(() -> {
                for (int i = 0; i < want.size(); i++) values.get(i).set(want.get(i));
            });
            for (int i = 0; i < codes.length; i++) assertThat(values.get(i).get()).isEqualTo(second[i]);
            values.forEach(Value::close);
        }

        @Test
        void test_value() {
            test_value(false);
        }

        @Test
        void test_rawvalue() {
            test_value(true);
        }

        @Test
        void test_getobj_getlock() {
            Value val1 = Value.of('i', 5);
            assertThat(val1.getLock()).isNotNull();
            RLock lock = new RLock();
            Value val3 = Value.of('i', 5, lock);
            assertThat(val3.getLock()).isSameAs(lock);
            Value arr4 = Value.raw('i', 5); // lock=False
            assertThatThrownBy(arr4::getLock).isInstanceOf(IllegalStateException.class);
            Value arr5 = Value.raw('i', 5);
            assertThatThrownBy(arr5::getLock).isInstanceOf(IllegalStateException.class);
            // Value('i', 5, lock='navalue') → AttributeError: the Java signature takes only an RLock.
            for (Value v : List.of(val1, val3, arr4, arr5)) v.close();
        }

        @Test
        void test_invalid_typecode() {
            assertThatThrownBy(() -> Value.of('x', 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("typecode");
            assertThatThrownBy(() -> Value.raw('x', 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("typecode");
        }
    }

    @Nested
    class _TestArray {
        /** {@code f}: prefix sums in place. */
        static void f(Array seq) {
            for (int i = 1; i < seq.length(); i++) seq.set(i, seq.getInt(i) + seq.getInt(i - 1));
        }

        void test_array(boolean raw) {
            int[] seq = {680, 626, 934, 821, 150, 233, 548, 982, 714, 831};
            Array arr = raw ? Array.raw('i', seq) : Array.of('i', seq);
            assertThat(arr.length()).isEqualTo(seq.length);
            assertThat(arr.getInt(3)).isEqualTo(seq[3]);
            for (int i = 2; i < 7; i++) assertThat(arr.getInt(i)).isEqualTo(seq[i]);
            int[] four = {1, 2, 3, 4};
            for (int i = 4; i < 8; i++) {
                arr.set(i, four[i - 4]);
                seq[i] = four[i - 4];
            }
            for (int i = 0; i < seq.length; i++) assertThat(arr.getInt(i)).isEqualTo(seq[i]);
            for (int i = 1; i < seq.length; i++) seq[i] += seq[i - 1];
            runChild(() -> f(arr));
            for (int i = 0; i < seq.length; i++) assertThat(arr.getInt(i)).isEqualTo(seq[i]);
            arr.close();
        }

        @Test
        void test_array() {
            test_array(false);
        }

        @Test
        void test_array_from_size() {
            for (int round = 0; round < 3; round++) { // zeroing (CPython issue #11675)
                Array arr = Array.of('i', 10);
                assertThat(arr.length()).isEqualTo(10);
                assertThat(arr.toArray()).containsOnly(0);
                for (int i = 0; i < 10; i++) arr.set(i, i);
                assertThat(arr.toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
                arr.close();
            }
        }

        @Test
        void test_rawarray() {
            test_array(true);
        }

        @Test
        void test_getobj_getlock_obj() {
            Array arr1 = Array.of('i', new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
            assertThat(arr1.getLock()).isNotNull();
            Array arr4 = Array.raw('i', new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
            assertThatThrownBy(arr4::getLock).isInstanceOf(IllegalStateException.class);
            arr1.close();
            arr4.close();
        }

        @Test
        void test_invalid_typecode() {
            assertThatThrownBy(() -> Array.of('x', new int[0])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("typecode");
            assertThatThrownBy(() -> Array.raw('x', new int[0])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("typecode");
        }
    }
}
