package io.github.concurrent4j.multiprocessing.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link JvmSource} needs to start a process.
 *
 * @param name     the process's name
 * @param identity its identity tuple
 * @param daemon   its daemon flag
 * @param encoder  encodes the task (the {@code Process} object); called once per JVM tried, within
 *                 a {@link io.github.concurrent4j.transport.Lending} for that JVM's pid
 * @param task     the object being started (for priming: a class that standbys can load ahead)
 * @param target   the lambda it runs, or null (for priming: a lambda shape standbys can spin ahead)
 * @param standIn  an encoded, inert stand-in of the task's class (a {@code Process} without a
 *                 target): decoding it builds the codec's serializer for that class and runs
 *                 nothing; standbys decode it while they wait, and it is the AOT cache's training task
 */
public record StartRequest(String name, int[] identity, boolean daemon, Supplier<byte[]> encoder,
                           Object task, Object target, byte[] standIn) {
    public StartRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(standIn, "standIn");
    }

    /** The RUN message for {@code task}, the bytes {@link #encoder} made for one JVM. */
    byte[] runMessage(byte[] encodedTask) {
        return RunRequest.encode(name, identity, daemon, encodedTask);
    }
}
