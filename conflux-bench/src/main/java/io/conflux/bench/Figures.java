package io.conflux.bench;

import java.util.Arrays;
import java.util.Locale;

/** Prints results as JSON lines in the same shape as the peer harness ({@code ../shared/peers}), so they line up. */
final class Figures {
    private final String peer;

    Figures(String peer) {
        this.peer = peer;
    }

    void emit(String workload, String metric, double value, String unit) {
        String v = value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
        System.out.println("{\"peer\":\"" + peer + "\",\"workload\":\"" + workload + "\",\"metric\":\"" + metric
                + "\",\"value\":" + v + ",\"unit\":\"" + unit + "\"}");
        System.out.flush();
    }

    static void log(String fmt, Object... args) {
        System.err.printf(Locale.ROOT, fmt + "%n", args);
        System.err.flush();
    }

    static double percentileMs(long[] nanos, double p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        rank = Math.max(1, Math.min(s.length, rank));
        return s[rank - 1] / 1e6;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }
}
