package io.github.concurrent4j.bench;

import java.util.Arrays;
import java.util.Locale;

/** Prints benchmark figures as {@code name<TAB>value<TAB>unit}, the format of the peer baselines. */
public final class Emit {
    private Emit() {}

    public static void line(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "%s\t%.3f\t%s%n", name, value, unit);
        System.out.flush();
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    public static double median(double... values) {
        if (values.length == 0) throw new IllegalArgumentException("median of no values");
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** The {@code p}-th percentile (0..100) of sorted {@code nanos}, in microseconds. */
    public static double percentileMicros(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) throw new IllegalArgumentException("percentile of no values");
        int i = (int) Math.min(sortedNanos.length - 1, Math.floor(sortedNanos.length * p / 100.0));
        return sortedNanos[i] / 1000.0;
    }
}
