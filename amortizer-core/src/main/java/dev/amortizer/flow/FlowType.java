package dev.amortizer.flow;

/** The three flows: which layers they stack. */
public enum FlowType {
    /** Masked autoregressive flow: affine MADE layers with the order reversed between them. */
    MAF,
    /** Neural spline flow: rational-quadratic spline coupling layers on alternating halves. */
    NSF,
    /** Affine (Real NVP) coupling layers on alternating halves. */
    COUPLING
}
