package io.github.concurrent4j.multiprocessing.managers;

import java.util.List;
import java.util.Map;

import io.github.concurrent4j.function.SerializableFunction;

/** The client side of {@code value}, {@code array} and {@code namespace}: each method is one call. */
final class ValueProxies {
    private ValueProxies() {}

    static final class Val<T> extends AbstractProxy implements ValueProxy<T> {
        Val(Wire.Token token, Calls.Endpoint endpoint) {
            super(token, endpoint);
        }

        @Override
        public T get() {
            return ask("get");
        }

        @Override
        public void set(T value) {
            call("set", value);
        }

        @Override
        public T getAndSet(T value) {
            return ask("getAndSet", value);
        }

        @Override
        public boolean compareAndSet(T expect, T update) {
            return (Boolean) call("compareAndSet", expect, update);
        }

        @Override
        public T addAndGet(long delta) {
            return ask("addAndGet", delta);
        }

        @Override
        public T getAndAdd(long delta) {
            return ask("getAndAdd", delta);
        }

        @Override
        public T updateAndGet(SerializableFunction<? super T, ? extends T> update) {
            return ask("updateAndGet", update);
        }

        @Override
        public String toString() {
            return "ValueProxy(" + remoteToString() + ")";
        }
    }

    static final class Arr<T> extends AbstractProxy implements ArrayProxy<T> {
        Arr(Wire.Token token, Calls.Endpoint endpoint) {
            super(token, endpoint);
        }

        @Override
        public int length() {
            return (Integer) call("length");
        }

        @Override
        public T get(int index) {
            return ask("get", index);
        }

        @Override
        public void set(int index, T value) {
            call("set", index, value);
        }

        @Override
        public List<T> toList() {
            return ask("copy");
        }

        @Override
        public String toString() {
            return remoteToString();
        }
    }

    static final class Ns extends AbstractProxy implements NamespaceProxy {
        Ns(Wire.Token token, Calls.Endpoint endpoint) {
            super(token, endpoint);
        }

        @Override
        public <T> T get(String name) {
            return ask("get", name);
        }

        @Override
        public void set(String name, Object value) {
            call("set", name, value);
        }

        @Override
        public <T> T delete(String name) {
            return ask("delete", name);
        }

        @Override
        public boolean contains(String name) {
            return (Boolean) call("contains", name);
        }

        @Override
        public Map<String, Object> toMap() {
            return ask("copy");
        }

        @Override
        public String toString() {
            return remoteToString();
        }
    }
}
