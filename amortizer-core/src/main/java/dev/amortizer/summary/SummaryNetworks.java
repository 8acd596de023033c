package dev.amortizer.summary;

import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.SeriesLayout;
import dev.amortizer.task.SetLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Builds a summary network for a data layout, and restores one from its bytes. */
public final class SummaryNetworks {
    private static final int FORMAT = 1;

    private SummaryNetworks() {
    }

    /**
     * A new network of {@code config} for data laid out as {@code layout}, its input scaling fitted on
     * {@code trainingX} (flat observations) and its weights drawn from {@code rng}. A DEEPSETS network needs a
     * {@link SetLayout}, a CONV network a {@link SeriesLayout}.
     */
    public static SummaryNetwork create(SummaryConfig config, DataLayout layout, double[][] trainingX, Rng rng) {
        return create(config, layout, each -> {
            for (double[] x : trainingX) {
                each.accept(null, x);
            }
        }, rng);
    }

    /**
     * As {@link #create(SummaryConfig, DataLayout, double[][], Rng)}, the training x being the c of each row that
     * {@code training} gives (pairs streamed from disk, say), read once.
     */
    public static SummaryNetwork create(SummaryConfig config, DataLayout layout, ConditionalRows training, Rng rng) {
        long[] count = {0};
        ConditionalRows checked = each -> training.forEach((z, x) -> {
            layout.check(x);
            count[0]++;
            each.accept(z, x);
        });
        boolean sets = config.type() == SummaryType.DEEPSETS;
        InputScaling scaling = sets ? DeepSets.fitScaling(setLayout(config, layout), checked)
                : ConvSummary.fitScaling(seriesLayout(config, layout), checked);
        if (count[0] == 0) {
            throw new IllegalArgumentException("the summary network's input scaling needs at least one training x,"
                    + " got 0");
        }
        return sets ? DeepSets.create(config, setLayout(config, layout), scaling, rng)
                : ConvSummary.create(config, seriesLayout(config, layout), scaling, rng);
    }

    /** The network {@link SummaryNetwork#parameterBytes()} wrote; a mismatch with config or layout is named. */
    public static SummaryNetwork restore(SummaryConfig config, DataLayout layout, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("summary weights in format " + format + ", expected " + FORMAT);
            }
            SummaryNetwork net;
            if (config.type() == SummaryType.DEEPSETS) {
                SetLayout set = setLayout(config, layout);
                net = DeepSets.create(config, set, InputScaling.read(in, set.width()), Rng.seeded(0));
            } else {
                SeriesLayout series = seriesLayout(config, layout);
                net = ConvSummary.create(config, series, InputScaling.read(in, series.channels()), Rng.seeded(0));
            }
            ParameterArrays.read(in, net.parameters());
            if (in.available() > 0) {
                throw new IllegalArgumentException("the summary weights have " + in.available() + " trailing bytes");
            }
            return net;
        } catch (IOException e) {
            throw new IllegalArgumentException("the summary weights are truncated or unreadable: " + e, e);
        }
    }

    static byte[] bytes(InputScaling scaling, List<double[]> params) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            scaling.write(out);
            ParameterArrays.write(out, params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static SetLayout setLayout(SummaryConfig config, DataLayout layout) {
        if (layout instanceof SetLayout s) {
            return s;
        }
        throw new IllegalArgumentException("a " + config.type().label() + " summary network needs data laid out as an"
                + " i.i.d. set (SetLayout), got " + describe(layout));
    }

    private static SeriesLayout seriesLayout(SummaryConfig config, DataLayout layout) {
        if (layout instanceof SeriesLayout s) {
            return s;
        }
        throw new IllegalArgumentException("a " + config.type().label() + " summary network needs data laid out as a"
                + " time series (SeriesLayout), got " + describe(layout));
    }

    private static String describe(DataLayout layout) {
        return layout == null ? "a plain vector" : layout.toString();
    }
}
