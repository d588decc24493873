package io.github.concurrent4j.multiprocessing.managers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** The client side of {@code list}: each method one call (see {@link ListProxy}). */
final class ListProxyImpl<E> extends AbstractProxy implements ListProxy<E> {
    ListProxyImpl(Wire.Token token, Calls.Endpoint endpoint) {
        super(token, endpoint);
    }

    @Override
    public int size() {
        return (Integer) call("size");
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean contains(Object o) {
        return (Boolean) call("contains", o);
    }

    @Override
    public List<E> copy() {
        return ask("copy");
    }

    private List<E> snapshot() {
        return Collections.unmodifiableList(copy());
    }

    @Override
    public Iterator<E> iterator() {
        return snapshot().iterator();
    }

    @Override
    public ListIterator<E> listIterator() {
        return snapshot().listIterator();
    }

    @Override
    public ListIterator<E> listIterator(int index) {
        return snapshot().listIterator(index);
    }

    @Override
    public List<E> subList(int fromIndex, int toIndex) {
        return ask("subList", fromIndex, toIndex);
    }

    @Override
    public Object[] toArray() {
        return copy().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return copy().toArray(a);
    }

    @Override
    public boolean add(E e) {
        return (Boolean) call("add", e);
    }

    @Override
    public void add(int index, E element) {
        call("addAt", index, element);
    }

    @Override
    public boolean remove(Object o) {
        return (Boolean) call("remove", o);
    }

    @Override
    public E remove(int index) {
        return ask("removeAt", index);
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        return (Boolean) call("containsAll", new ArrayList<>(c));
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        return (Boolean) call("addAll", new ArrayList<>(c));
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        return (Boolean) call("addAllAt", index, new ArrayList<>(c));
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return (Boolean) call("removeAll", new ArrayList<>(c));
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return (Boolean) call("retainAll", new ArrayList<>(c));
    }

    @Override
    public void clear() {
        call("clear");
    }

    @Override
    public E get(int index) {
        return ask("get", index);
    }

    @Override
    public E set(int index, E element) {
        return ask("set", index, element);
    }

    @Override
    public int indexOf(Object o) {
        return (Integer) call("indexOf", o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return (Integer) call("lastIndexOf", o);
    }

    @Override
    public int count(Object o) {
        return (Integer) call("count", o);
    }

    @Override
    public void reverse() {
        call("reverse");
    }

    @Override
    public void sort(Comparator<? super E> c) {
        if (c == null || c instanceof Serializable) {
            call("sort", c);
            return;
        }
        update(l -> l.sort(c));
    }

    @Override
    public void replaceAll(UnaryOperator<E> operator) {
        Objects.requireNonNull(operator, "operator");
        if (operator instanceof Serializable) {
            call("replaceAll", operator);
            return;
        }
        update(l -> l.replaceAll(operator));
    }

    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        Objects.requireNonNull(filter, "filter");
        boolean[] removed = new boolean[1];
        update(l -> removed[0] = l.removeIf(filter));
        return removed[0];
    }

    /** Applies {@code change} to a copy and installs it if the list has not changed meanwhile; retries otherwise. */
    private void update(java.util.function.Consumer<List<E>> change) {
        while (true) {
            List<E> before = copy();
            List<E> after = new ArrayList<>(before);
            change.accept(after);
            if ((Boolean) call("casAll", new ArrayList<>(before), after)) return;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (sameObject(o) || Server.hostsServer()) return sameObject(o); // in a server, by identity (see remoteToString)
        return o instanceof List<?> l && copy().equals(l instanceof ListProxy<?> p ? p.copy() : l);
    }

    @Override
    public int hashCode() {
        if (Server.hostsServer()) return super.hashCode();
        return (Integer) call("hashCode");
    }

    @Override
    public String toString() {
        return remoteToString();
    }
}
