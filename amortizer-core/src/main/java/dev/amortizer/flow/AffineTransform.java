package dev.amortizer.flow;

/**
 * y = x·e^s + t with s = C·tanh(a/C): parameters (a, t). The soft clamp of the log-scale at ±C (C = 5) keeps one
 * layer from stretching by more than e⁵, which is what keeps early training stable.
 */
final class AffineTransform implements ElementwiseTransform {
    static final double CLAMP = 5;

    @Override
    public int parameterCount() {
        return 2;
    }

    @Override
    public void forward(double x, double[] p, int off, double[] out) {
        double s = CLAMP * Math.tanh(p[off] / CLAMP);
        out[0] = x * Math.exp(s) + p[off + 1];
        out[1] = s;
    }

    @Override
    public double inverse(double y, double[] p, int off) {
        double s = CLAMP * Math.tanh(p[off] / CLAMP);
        return (y - p[off + 1]) * Math.exp(-s);
    }

    @Override
    public double backward(double x, double[] p, int off, double gy, double gl, double[] gp) {
        double th = Math.tanh(p[off] / CLAMP);
        double e = Math.exp(CLAMP * th);
        gp[off] += (gy * x * e + gl) * (1 - th * th);
        gp[off + 1] += gy;
        return gy * e;
    }
}
