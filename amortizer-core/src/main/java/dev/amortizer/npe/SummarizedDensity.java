package dev.amortizer.npe;

import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.random.Rng;
import dev.amortizer.summary.SummaryConfig;
import dev.amortizer.summary.SummaryNetwork;
import dev.amortizer.summary.SummaryNetworks;
import dev.amortizer.task.DataLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * q(z | S(x)): a flow conditioned on a learned summary of the raw x. Draws use {@link FlowDensity}'s chunked sampling
 * with the context s = S(x) computed once per observation. Its weights are the summary's bytes (length-prefixed),
 * then the flow's.
 */
final class SummarizedDensity implements StandardizedDensity {
    private final SummaryNetwork summary;
    private final ConditionalFlow flow;
    private final FlowDensity density;

    SummarizedDensity(SummaryNetwork summary, ConditionalFlow flow) {
        this.summary = summary;
        this.flow = flow;
        this.density = new FlowDensity(flow);
    }

    static SummarizedDensity restore(FlowConfig flowConfig, SummaryConfig summaryConfig, DataLayout layout,
                                     int thetaDim, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int length = in.readInt();
            if (length < 0 || length > bytes.length - 4) {
                throw new IllegalArgumentException("the weights claim " + length + " summary bytes but hold "
                        + (bytes.length - 4));
            }
            long minimum = minimumParameters(summaryConfig.innerWidths()) + minimumParameters(summaryConfig.headWidths());
            if (minimum > length / Double.BYTES) {
                throw new IllegalArgumentException("a summary network with inner widths " + summaryConfig.innerWidths()
                        + " and head widths " + summaryConfig.headWidths() + " has at least " + minimum
                        + " parameters; the weights hold " + length + " summary bytes");
            }
            SummaryNetwork summary = SummaryNetworks.restore(summaryConfig, layout, in.readNBytes(length));
            ConditionalFlow flow = ConditionalFlow.restore(flowConfig, thetaDim, summary.outputDim(),
                    in.readAllBytes());
            return new SummarizedDensity(summary, flow);
        } catch (IOException e) {
            throw new IllegalArgumentException("the summary and flow weights are truncated or unreadable: " + e, e);
        }
    }

    /** The weights between consecutive layers of these widths and their biases: built before being filled. */
    private static long minimumParameters(java.util.List<Integer> widths) {
        long minimum = 0;
        for (int i = 0; i < widths.size(); i++) {
            minimum += widths.get(i) + (i + 1 < widths.size() ? (long) widths.get(i) * widths.get(i + 1) : 0);
        }
        return minimum;
    }

    SummaryConfig summaryConfig() {
        return summary.config();
    }

    @Override
    public double[][] sample(double[] c, int n, Rng rng) {
        return density.sample(summary.summarize(new double[][] {c})[0], n, rng);
    }

    @Override
    public double[] logProb(double[][] z, double[][] c) {
        return flow.logProb(z, summary.summarize(c));
    }

    @Override
    public byte[] weights() {
        byte[] s = summary.parameterBytes();
        byte[] f = flow.parameterBytes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(s.length);
            out.write(s);
            out.write(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
