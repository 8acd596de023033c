package dev.amortizer.npe;

import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * q(z | c) = (1/K) Σ_k q_k(z | c), the equal mixture of K flows trained on the same simulations from different
 * initial weights and shuffles. Each flow overfits its 10⁴ pairs in its own way; the mixture keeps what they agree on.
 * Draws come in chunks of {@value FlowDensity#CHUNK} rows, each from its own generator split from the caller's:
 * every row picks a member uniformly, then each member draws its rows; so the draws depend on the seed and n only.
 */
final class FlowEnsembleDensity implements StandardizedDensity {
    private static final int FORMAT = 1;
    private final List<ConditionalFlow> members;

    FlowEnsembleDensity(List<ConditionalFlow> members) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least 2 flows, got " + members.size());
        }
        this.members = List.copyOf(members);
    }

    /** The members {@link #weights()} wrote, each of architecture {@code config}; a mismatch is named. */
    static FlowEnsembleDensity restore(FlowConfig config, int thetaDim, int xDim, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("flow ensemble weights in format " + format + ", expected "
                        + FORMAT);
            }
            int count = in.readInt();
            if (count != config.members()) {
                throw new IllegalArgumentException("the weights hold " + count + " flows; the config says "
                        + config.members());
            }
            ConditionalFlow[] flows = new ConditionalFlow[count];
            for (int k = 0; k < count; k++) {
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IllegalArgumentException("flow " + k + " of the ensemble claims " + length
                            + " bytes; " + in.available() + " are left");
                }
                flows[k] = ConditionalFlow.restore(config, thetaDim, xDim, in.readNBytes(length));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("the ensemble weights have " + in.available() + " trailing bytes");
            }
            return new FlowEnsembleDensity(List.of(flows));
        } catch (IOException e) {
            throw new IllegalArgumentException("the flow ensemble weights are truncated or unreadable: " + e, e);
        }
    }

    @Override
    public double[][] sample(double[] c, int n, Rng rng) {
        int chunks = (n + FlowDensity.CHUNK - 1) / FlowDensity.CHUNK;
        Rng[] rngs = rng.split(chunks);
        double[][] rows = new double[n][];
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            int from = chunk * FlowDensity.CHUNK;
            int size = Math.min(FlowDensity.CHUNK, n - from);
            Rng r = rngs[chunk];
            int[] member = new int[size];
            int[] count = new int[members.size()];
            for (int i = 0; i < size; i++) {
                member[i] = r.nextInt(members.size());
                count[member[i]]++;
            }
            for (int k = 0; k < members.size(); k++) {
                if (count[k] == 0) {
                    continue;
                }
                double[][] context = new double[count[k]][];
                Arrays.fill(context, c);
                double[][] z = members.get(k).sample(context, r);
                int next = 0;
                for (int i = 0; i < size; i++) {
                    if (member[i] == k) {
                        rows[from + i] = z[next++];
                    }
                }
            }
        });
        return rows;
    }

    @Override
    public double[] logProb(double[][] z, double[][] c) {
        return FlowDensity.inChunks(z, c, this::mixtureLogProb);
    }

    private double[] mixtureLogProb(double[][] z, double[][] c) {
        double[][] each = new double[members.size()][];
        for (int k = 0; k < each.length; k++) {
            each[k] = members.get(k).logProb(z, c);
        }
        double[] out = new double[z.length];
        double[] row = new double[members.size()];
        for (int r = 0; r < z.length; r++) {
            for (int k = 0; k < row.length; k++) {
                row[k] = each[k][r];
            }
            out[r] = LogMeanExp.of(row);
        }
        return out;
    }

    /** A version, the member count, then each member's {@link ConditionalFlow#parameterBytes()} with its length. */
    @Override
    public byte[] weights() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeInt(members.size());
            for (ConditionalFlow f : members) {
                byte[] b = f.parameterBytes();
                out.writeInt(b.length);
                out.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
