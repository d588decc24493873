package io.github.concurrent4j.transport.internal;

import io.github.concurrent4j.internal.Config;

/** The decoding limits every codec shares (JEP 290's {@code maxarray} and {@code maxdepth}). */
public final class Limits {
    private Limits() {}

    /** The largest element count a message may announce ({@code -Dc4j.serial.maxLength}). */
    public static int maxLength() {
        return Config.intValue(Config.Setting.SERIAL_MAX_LENGTH, 1 << 24, 0);
    }

    /** The deepest nesting a decoded message may have ({@code -Dc4j.serial.maxDepth}). */
    public static int maxDepth() {
        return Config.intValue(Config.Setting.SERIAL_MAX_DEPTH, 256, 1);
    }
}
