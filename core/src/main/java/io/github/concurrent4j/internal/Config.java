package io.github.concurrent4j.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one reader of concurrent4j's configuration: the {@code c4j.*} system properties, which
 * child JVMs inherit from their parent (every {@code -Dc4j.*} is passed on). Each setting is
 * a {@link Setting} with its key, default and meaning; the README's configuration table lists
 * them all (a test checks it). A value that cannot be read is refused with an exception that
 * names the property and what it should look like, never silently replaced by the default.
 *
 * <p>Values are read when asked for, not cached: tests and applications may set a property
 * before the component that reads it is created.
 */
public final class Config {
    /** Every {@code c4j.*} setting the library reads. */
    public enum Setting {
        STANDBYS("c4j.standbys", "2", "standby JVMs kept ready once the first process has started"),
        STANDBYS_MAX("c4j.standbys.max", "8", "how far the standby pool grows while start() outruns it"),
        STANDBY_IDLE_SECONDS("c4j.standby.idleSeconds", "300", "stop idle standbys after this long without a start()"),
        STANDBY_WARMUP_MESSAGES("c4j.standby.warmupMessages", "200",
                "messages a standby streams through a shared-memory ring while warming up"),
        CHILD_AOT("c4j.child.aot", "true", "train and use an AOT cache for child JVMs"),
        AOT_DIR("c4j.aot.dir", "~/.cache/concurrent4j/aot", "where the child JVMs' AOT cache lives"),
        CHILD_JVM_OPTIONS("c4j.child.jvmOptions", "", "extra options for child JVMs"),
        CHILD_DEFAULT_JVM_OPTIONS("c4j.child.defaultJvmOptions", "", "replaces the child JVMs' start-up tuning"),
        CHILD_CONNECT_TIMEOUT_SECONDS("c4j.child.connectTimeoutSeconds", "60",
                "how long a new child JVM may take to connect back"),
        SERIAL_ALLOW("c4j.serial.allow", "", "comma-separated allow-list entries"),
        MAX_FRAME_BYTES("c4j.maxFrameBytes", "268435456", "largest message a connection accepts"),
        SERIAL_MAX_LENGTH("c4j.serial.maxLength", "16777216",
                "largest element count (array, string, collection, map) a decoded message may announce"),
        SERIAL_MAX_DEPTH("c4j.serial.maxDepth", "256", "deepest nesting of objects a decoded message may have"),
        GREEN_STALL_MILLIS("c4j.green.stallThreshold", "1000",
                "a greenlet holding the hub longer than this many milliseconds is reported"),
        FUTEX("c4j.futex", "true",
                "shared-memory waits sleep on Linux futexes; false: they poll their word (slower, for sandboxes without futexes)"),
        MANAGER_RINGS("c4j.manager.rings", "true",
                "a manager's local clients call it through shared-memory rings rather than its Unix socket"),
        MANAGER_START_TIMEOUT_SECONDS("c4j.manager.startTimeoutSeconds", "60",
                "how long starting a manager waits for its server process"),
        DEADLOCK_WATCHDOG("c4j.deadlock.watchdog", "", "check for deadlocks this often (500ms, 5s, PT5S); off when empty");

        private final String key;
        private final String defaultValue;
        private final String meaning;

        Setting(String key, String defaultValue, String meaning) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.meaning = meaning;
        }

        public String key() {
            return key;
        }

        /** The default as the README shows it. */
        public String defaultValue() {
            return defaultValue;
        }

        public String meaning() {
            return meaning;
        }
    }

    private Config() {}

    /** The property's value if it is set and not blank. */
    public static Optional<String> string(Setting s) {
        String v = System.getProperty(s.key());
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** An integer setting, at least {@code min}; {@code fallback} when unset. */
    public static int intValue(Setting s, int fallback, int min) {
        long v = longValue(s, fallback, min);
        if (v > Integer.MAX_VALUE) throw bad(s, String.valueOf(v), "an integer <= " + Integer.MAX_VALUE);
        return (int) v;
    }

    /** A long setting, at least {@code min}; {@code fallback} when unset. */
    public static long longValue(Setting s, long fallback, long min) {
        Optional<String> v = string(s);
        if (v.isEmpty()) return fallback;
        long n;
        try {
            n = Long.parseLong(v.get().replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(s, v.get(), "an integer >= " + min);
        }
        if (n < min) throw bad(s, v.get(), "an integer >= " + min);
        return n;
    }

    /** A boolean setting ({@code true} or {@code false}); {@code fallback} when unset. */
    public static boolean flag(Setting s, boolean fallback) {
        Optional<String> v = string(s);
        if (v.isEmpty()) return fallback;
        return switch (v.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(s, v.get(), "true or false");
        };
    }

    /** A duration setting: {@code 500ms}, {@code 5s}, {@code 2m} or ISO-8601 ({@code PT5S}). */
    public static Optional<Duration> duration(Setting s) {
        Optional<String> v = string(s);
        if (v.isEmpty()) return Optional.empty();
        try {
            Duration d = parseDuration(v.get());
            if (d.isNegative()) throw new IllegalArgumentException();
            return Optional.of(d);
        } catch (RuntimeException e) {
            throw bad(s, v.get(), "a duration such as 500ms, 5s, 2m or PT5S");
        }
    }

    /** A comma-separated list setting, entries stripped, empty ones dropped. */
    public static List<String> list(Setting s) {
        return string(s).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
    }

    /** A whitespace-separated setting (JVM options). */
    public static List<String> words(Setting s) {
        return string(s).map(v -> Arrays.stream(v.split("\\s+")).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
    }

    /** {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 2m} or ISO-8601 ({@code PT5S}). */
    public static Duration parseDuration(String s) {
        String t = s.strip();
        if (t.startsWith("P") || t.startsWith("p")) return Duration.parse(t);
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        if (t.endsWith("s")) return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        throw new IllegalArgumentException("not a duration (use 500ms, 5s, 2m or PT5S): " + s);
    }

    private static IllegalArgumentException bad(Setting s, String value, String expected) {
        return new IllegalArgumentException("-D" + s.key() + "=" + value + " is not valid: expected " + expected
                + " (" + s.meaning() + ")");
    }
}
