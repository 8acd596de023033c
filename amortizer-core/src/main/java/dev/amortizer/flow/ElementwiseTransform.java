package dev.amortizer.flow;

/**
 * A monotone scalar map y = f(x; p) whose P parameters p come from a conditioner network, with its log-derivative and
 * the gradients needed to train through it. All-zero parameters give the identity, so a flow whose conditioners
 * start with a zero output layer starts as the identity map.
 */
interface ElementwiseTransform {
    /** P, the parameters per transformed coordinate. */
    int parameterCount();

    /** Writes y = f(x) into {@code out[0]} and log f'(x) into {@code out[1]}; p[off … off + P) are the parameters. */
    void forward(double x, double[] p, int off, double[] out);

    /** x = f⁻¹(y). */
    double inverse(double y, double[] p, int off);

    /**
     * Given gy = ∂L/∂y and gl = ∂L/∂log f'(x) at x, adds ∂L/∂p into {@code gp[off …]} and returns ∂L/∂x.
     */
    double backward(double x, double[] p, int off, double gy, double gl, double[] gp);
}
