package io.github.concurrent4j.transport.internal;

import org.objenesis.instantiator.ObjectInstantiator;
import org.objenesis.strategy.InstantiatorStrategy;
import org.objenesis.strategy.StdInstantiatorStrategy;

import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;

/**
 * How decoding creates objects: application classes without running a constructor, as
 * {@code pickle} (no {@code __init__}) and Java serialization do, so decoding has no side
 * effects of the class's choosing (a {@code Process} subclass's constructor, for one, must not
 * run again in the child); JDK classes through their no-argument constructor, which their
 * Kryo serializers expect (an {@code ArrayList} needs its backing array).
 */
final class DecodeInstantiators implements InstantiatorStrategy {
    private final InstantiatorStrategy jdk = new DefaultInstantiatorStrategy(new StdInstantiatorStrategy());
    private final InstantiatorStrategy application = new StdInstantiatorStrategy();

    @Override
    public <T> ObjectInstantiator<T> newInstantiatorOf(Class<T> type) {
        String n = type.getName();
        boolean fromJdk = n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.");
        return (fromJdk ? jdk : application).newInstantiatorOf(type);
    }
}
