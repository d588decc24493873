package io.github.concurrent4j.transport.internal;

import java.nio.file.Path;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** A {@link Path} travels as its string (its JDK class is internal and has no fields worth copying). */
final class PathSerializer extends Serializer<Path> {
    PathSerializer() {
        setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Path path) {
        output.writeString(path.toString());
    }

    @Override
    public Path read(Kryo kryo, Input input, Class<? extends Path> type) {
        return Path.of(input.readString());
    }
}
