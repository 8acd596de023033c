package dev.amortizer.estimator;

import dev.amortizer.data.Quoted;
import dev.amortizer.flow.FlowType;
import java.util.Arrays;
import java.util.Locale;

/** The conditional density estimator q(θ | x) that NPE fits, by its command-line name. */
public enum Estimator {
    /** A full-covariance Gaussian mixture density network. */
    MDN(null),
    /** A masked autoregressive flow. */
    MAF(FlowType.MAF),
    /** A neural spline flow (rational-quadratic spline coupling). */
    NSF(FlowType.NSF),
    /** An affine coupling flow (Real NVP). */
    COUPLING(FlowType.COUPLING),
    /** Flow matching: a velocity field trained by regression, integrated as an ODE (FMPE, Dax et al. 2023). */
    FMPE(null);

    private final FlowType flowType;

    Estimator(FlowType flowType) {
        this.flowType = flowType;
    }

    /** The flow this estimator is, or null for the MDN and FMPE (whose velocity field is no layered flow). */
    public FlowType flowType() {
        return flowType;
    }

    /** The lower-case name used on the command line and in model files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The estimator called {@code label}; an unknown name is an IllegalArgumentException listing the known ones. */
    public static Estimator byLabel(String label) {
        for (Estimator e : values()) {
            if (e.label().equals(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown estimator " + Quoted.of(label) + "; known: "
                + Arrays.stream(values()).map(Estimator::label).toList());
    }
}
