package dev.amortizer.estimator;

/** How q(θ | x) is kept inside a bounded prior's support. */
public enum SupportHandling {
    /**
     * Learn u = T⁻¹(θ) through the prior's bijection (logit for boxes, log for half-lines): no mass outside the
     * support, no draw ever rejected, the log-det in every density.
     */
    BIJECTION,
    /** Learn θ itself and redraw what falls outside the support (sbi's approach; densities not renormalised). */
    TRUNCATION
}
