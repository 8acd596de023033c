package dev.amortizer.model;

import dev.amortizer.data.Quoted;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Support;
import dev.amortizer.task.Task;
import java.util.List;

/**
 * The task of a model file whose task cannot be resolved (a user's task whose code is not on the classpath), made
 * from the manifest alone: names, dimensions, the prior's support (from the {@link TaskFingerprint}) and where
 * observations can lie. It is enough to sample the model and check observations; the prior's draws and density and
 * the simulator are not in the file, and asking for them is refused with a message saying why.
 */
public final class ServedTask implements Task {
    private final String name;
    private final List<String> parameterNames;
    private final List<String> dataNames;
    private final Support support;
    private final DataSupport dataSupport;

    private ServedTask(String name, List<String> parameterNames, List<String> dataNames, Support support,
                       DataSupport dataSupport) {
        this.name = name;
        this.parameterNames = List.copyOf(parameterNames);
        this.dataNames = List.copyOf(dataNames);
        this.support = support;
        this.dataSupport = dataSupport;
    }

    /**
     * The served task of {@code m}; a manifest without a fingerprint (formats before 5) cannot be served: it does not
     * record the prior's support.
     */
    public static ServedTask of(ModelManifest m) {
        TaskFingerprint f = m.taskFingerprint();
        if (f == null || f.priorLower() == null || f.priorUpper() == null || m.parameterNames() == null
                || m.dataNames() == null || f.priorLower().size() != m.parameterDim()
                || f.priorUpper().size() != m.parameterDim() || m.parameterNames().size() != m.parameterDim()
                || m.dataNames().size() != m.dataDim()) {
            throw new IllegalArgumentException("no task named " + Quoted.of(m.task()) + " is known, and a model file"
                    + " of format " + m.formatVersion() + " does not carry what serving it without the task needs (format 5 does:"
                    + " retrain it, or make the task available)");
        }
        double[] lo = new double[m.parameterDim()];
        double[] hi = new double[m.parameterDim()];
        for (int j = 0; j < lo.length; j++) {
            lo[j] = f.priorLower().get(j) == null ? Double.NEGATIVE_INFINITY : f.priorLower().get(j);
            hi[j] = f.priorUpper().get(j) == null ? Double.POSITIVE_INFINITY : f.priorUpper().get(j);
        }
        return new ServedTask(m.task(), m.parameterNames(), m.dataNames(), new Support(lo, hi), dataSupport(m));
    }

    private static DataSupport dataSupport(ModelManifest m) {
        ModelManifest.DataBounds b = m.dataSupport();
        if (b == null) {
            return DataSupport.unchecked(m.dataDim());
        }
        int d = m.dataDim();
        if (b.lower() == null || b.upper() == null || b.lowerOpen() == null || b.whole() == null
                || b.lower().size() != d || b.upper().size() != d || b.lowerOpen().size() != d
                || b.whole().size() != d || b.lower().contains(null) || b.upper().contains(null)
                || b.lowerOpen().contains(null) || b.whole().contains(null)) {
            throw new IllegalArgumentException(ModelFile.MANIFEST_ENTRY + ": dataSupport is malformed; expected " + d
                    + " lower and upper bounds, open flags and whole flags");
        }
        double[] lo = b.lower().stream().mapToDouble(Double::doubleValue).toArray();
        double[] hi = b.upper().stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] open = new boolean[d];
        boolean[] whole = new boolean[d];
        for (int i = 0; i < d; i++) {
            open[i] = b.lowerOpen().get(i);
            whole[i] = b.whole().get(i);
        }
        return DataSupport.of(lo, hi, open, whole);
    }

    /** What a manifest records of {@code task}'s data support. */
    static ModelManifest.DataBounds bounds(Task task) {
        DataSupport s = task.dataSupport();
        List<Double> lo = new java.util.ArrayList<>();
        List<Double> hi = new java.util.ArrayList<>();
        List<Boolean> open = new java.util.ArrayList<>();
        List<Boolean> whole = new java.util.ArrayList<>();
        for (int i = 0; i < s.dim(); i++) {
            lo.add(s.lower(i));
            hi.add(s.upper(i));
            open.add(s.lowerOpen(i));
            whole.add(s.whole(i));
        }
        return new ModelManifest.DataBounds(lo, hi, open, whole);
    }

    private IllegalStateException refused(String what) {
        return new IllegalStateException("task " + name + " is served from its model file, without its code: "
                + what + " is not available (make the task resolvable to simulate or evaluate its prior)");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Prior prior() {
        return new Prior() {
            @Override
            public int dim() {
                return support.dim();
            }

            @Override
            public double[] sample(Rng rng) {
                throw refused("the prior's sampler");
            }

            @Override
            public double logDensity(double[] theta) {
                throw refused("the prior's density");
            }

            @Override
            public Support support() {
                return support;
            }
        };
    }

    @Override
    public Simulator simulator() {
        return new Simulator() {
            @Override
            public int parameterDim() {
                return support.dim();
            }

            @Override
            public int dataDim() {
                return dataNames.size();
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                throw refused("the simulator");
            }
        };
    }

    @Override
    public List<String> parameterNames() {
        return parameterNames;
    }

    @Override
    public List<String> dataNames() {
        return dataNames;
    }

    @Override
    public DataSupport dataSupport() {
        return dataSupport;
    }
}
