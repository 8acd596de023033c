package dev.amortizer.task;

import java.util.ArrayList;
import java.util.List;

/**
 * A raw time series of T steps with C channels, flattened time-major: x[t·C + c] is channel c at step t.
 *
 * @param length   T, time steps (2..1,000,000)
 * @param channels C, values per step (1..1,000)
 */
public record SeriesLayout(int length, int channels) implements DataLayout {
    public SeriesLayout {
        if (length < 2 || length > 1_000_000) {
            throw new IllegalArgumentException("length must be in 2..1000000, got " + length);
        }
        if (channels < 1 || channels > 1000) {
            throw new IllegalArgumentException("channels must be in 1..1000, got " + channels);
        }
    }

    @Override
    public int flatLength() {
        return length * channels;
    }

    /** "x_t" for one channel, "x_t_c" for several (1-based). */
    @Override
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(flatLength());
        for (int t = 1; t <= length; t++) {
            for (int c = 1; c <= channels; c++) {
                names.add(channels == 1 ? "x_" + t : "x_" + t + "_" + c);
            }
        }
        return List.copyOf(names);
    }

    @Override
    public void check(double[] x) {
        if (x.length != flatLength()) {
            throw new IllegalArgumentException("a series of " + length + " steps × " + channels + " channels is "
                    + flatLength() + " values, got " + x.length);
        }
    }
}
