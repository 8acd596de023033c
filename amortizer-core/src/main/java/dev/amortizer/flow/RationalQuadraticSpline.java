package dev.amortizer.flow;

/**
 * The monotone rational-quadratic spline of Durkan et al. (2019) on [−B, B] with K bins and identity tails.
 *
 * <p>Parameters: K width logits, K height logits, K − 1 interior-derivative logits. Bin widths and heights are
 * m + (1 − Km)·softmax(logits) of 2B (m = 10⁻³); knot derivatives are m + softplus(logit + c), with c chosen so that
 * a zero logit gives derivative 1; the two boundary derivatives are 1, matching the identity tails. Inside bin k,
 * with s = H/W, ξ = (x − x_k)/W:
 *
 * <pre>
 * y = y_k + H(sξ² + d_k ξ(1−ξ)) / (s + (d_{k+1} + d_k − 2s) ξ(1−ξ))
 * dy/dx = s²(d_{k+1}ξ² + 2sξ(1−ξ) + d_k(1−ξ)²) / (s + (d_{k+1} + d_k − 2s) ξ(1−ξ))²
 * </pre>
 *
 * and the inverse solves the quadratic for ξ in closed form. Zero parameters give the identity.
 *
 * @see <a href="https://arxiv.org/abs/1906.04032">Durkan, Bekasov, Murray &amp; Papamakarios 2019, Neural Spline
 *     Flows</a>
 */
final class RationalQuadraticSpline implements ElementwiseTransform {
    static final double MIN_BIN = 1e-3;
    static final double MIN_DERIVATIVE = 1e-3;
    private static final double DERIVATIVE_SHIFT = Math.log(Math.expm1(1 - MIN_DERIVATIVE));

    private final int bins;
    private final double bound;

    RationalQuadraticSpline(int bins, double bound) {
        if (bins < 2 || !(bound > 0)) {
            throw new IllegalArgumentException("a spline needs >= 2 bins and a bound > 0, got " + bins + ", " + bound);
        }
        this.bins = bins;
        this.bound = bound;
    }

    int bins() {
        return bins;
    }

    double bound() {
        return bound;
    }

    @Override
    public int parameterCount() {
        return 3 * bins - 1;
    }

    /** The knots and derivatives of one coordinate's spline. */
    private final class Knots {
        final double[] widthShare = new double[bins];
        final double[] heightShare = new double[bins];
        final double[] xs = new double[bins + 1];
        final double[] ys = new double[bins + 1];
        final double[] d = new double[bins + 1];

        Knots(double[] p, int off) {
            shares(p, off, widthShare);
            shares(p, off + bins, heightShare);
            xs[0] = -bound;
            ys[0] = -bound;
            for (int k = 0; k < bins; k++) {
                xs[k + 1] = xs[k] + 2 * bound * (MIN_BIN + (1 - bins * MIN_BIN) * widthShare[k]);
                ys[k + 1] = ys[k] + 2 * bound * (MIN_BIN + (1 - bins * MIN_BIN) * heightShare[k]);
            }
            xs[bins] = bound;
            ys[bins] = bound;
            d[0] = 1;
            d[bins] = 1;
            for (int k = 1; k < bins; k++) {
                d[k] = MIN_DERIVATIVE + softplus(p[off + 2 * bins + k - 1] + DERIVATIVE_SHIFT);
            }
        }

        /** The bin holding v among knots {@code knots}, clamped to 0 … K − 1. */
        int bin(double[] knots, double v) {
            int lo = 0;
            int hi = bins - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (knots[mid] <= v) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }

    /** The bin holding x and the intermediate quantities of y(x) and dy/dx there. */
    private static final class Segment {
        final int k;
        final double w;
        final double h;
        final double s;
        final double xi;
        final double q;
        final double dk;
        final double dk1;
        final double num;
        final double den;
        final double dn2;
        final double y;

        Segment(Knots kn, double x) {
            k = kn.bin(kn.xs, x);
            w = kn.xs[k + 1] - kn.xs[k];
            h = kn.ys[k + 1] - kn.ys[k];
            s = h / w;
            xi = (x - kn.xs[k]) / w;
            q = xi * (1 - xi);
            dk = kn.d[k];
            dk1 = kn.d[k + 1];
            num = h * (s * xi * xi + dk * q);
            den = s + (dk1 + dk - 2 * s) * q;
            dn2 = dk1 * xi * xi + 2 * s * q + dk * (1 - xi) * (1 - xi);
            y = kn.ys[k] + num / den;
        }
    }

    private void shares(double[] p, int off, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < bins; k++) {
            max = Math.max(max, p[off + k]);
        }
        double sum = 0;
        for (int k = 0; k < bins; k++) {
            out[k] = Math.exp(p[off + k] - max);
            sum += out[k];
        }
        for (int k = 0; k < bins; k++) {
            out[k] /= sum;
        }
    }

    @Override
    public void forward(double x, double[] p, int off, double[] out) {
        if (!(x > -bound && x < bound)) {
            out[0] = x;
            out[1] = 0;
            return;
        }
        Segment g = new Segment(new Knots(p, off), x);
        out[0] = g.y;
        out[1] = 2 * Math.log(g.s) + Math.log(g.dn2) - 2 * Math.log(g.den);
    }

    /**
     * The inverse, computing only what it needs: both sets of shares (the knots are their running sums), the knots up
     * to the bin holding y, and the two derivatives at that bin's ends. The same arithmetic as {@link Knots}, so the
     * same bits.
     */
    @Override
    public double inverse(double y, double[] p, int off) {
        if (!(y > -bound && y < bound)) {
            return y;
        }
        double[] widthShare = new double[bins];
        double[] heightShare = new double[bins];
        shares(p, off, widthShare);
        shares(p, off + bins, heightShare);
        double scale = 1 - bins * MIN_BIN;
        int k = 0;
        double xk = -bound;
        double yk = -bound;
        double yNext = yk + 2 * bound * (MIN_BIN + scale * heightShare[0]);
        while (k < bins - 1 && yNext <= y) {
            xk = xk + 2 * bound * (MIN_BIN + scale * widthShare[k]);
            yk = yNext;
            k++;
            yNext = yk + 2 * bound * (MIN_BIN + scale * heightShare[k]);
        }
        double xNext = k == bins - 1 ? bound : xk + 2 * bound * (MIN_BIN + scale * widthShare[k]);
        if (k == bins - 1) {
            yNext = bound;
        }
        double w = xNext - xk;
        double h = yNext - yk;
        double s = h / w;
        double dk = k == 0 ? 1 : MIN_DERIVATIVE + softplus(p[off + 2 * bins + k - 1] + DERIVATIVE_SHIFT);
        double dk1 = k == bins - 1 ? 1 : MIN_DERIVATIVE + softplus(p[off + 2 * bins + k] + DERIVATIVE_SHIFT);
        double dy = y - yk;
        double sum = dk1 + dk - 2 * s;
        double a = h * (s - dk) + dy * sum;
        double b = h * dk - dy * sum;
        double c = -s * dy;
        double disc = Math.max(b * b - 4 * a * c, 0);
        double xi = 2 * c / (-b - Math.sqrt(disc));
        return xk + Math.min(Math.max(xi, 0), 1) * w;
    }

    @Override
    public double backward(double x, double[] p, int off, double gy, double gl, double[] gp) {
        if (!(x > -bound && x < bound)) {
            return gy;
        }
        Knots kn = new Knots(p, off);
        Segment g = new Segment(kn, x);
        int k = g.k;
        double w = g.w;
        double h = g.h;
        double s = g.s;
        double xi = g.xi;
        double q = g.q;
        double dk = g.dk;
        double dk1 = g.dk1;
        double sum = dk1 + dk - 2 * s;
        double num = g.num;
        double den = g.den;
        double dn2 = g.dn2;

        double gNum = gy / den;
        double gDen = -gy * num / (den * den) - 2 * gl / den;
        double gDn2 = gl / dn2;
        double gS = 2 * gl / s + gDn2 * 2 * q + gDen * (1 - 2 * q) + gNum * h * xi * xi;
        double gDk1 = gDn2 * xi * xi + gDen * q;
        double gDk = gDn2 * (1 - xi) * (1 - xi) + gDen * q + gNum * h * q;
        double gQ = gDn2 * 2 * s + gDen * sum + gNum * h * dk;
        double gXi = gDn2 * (2 * dk1 * xi - 2 * dk * (1 - xi)) + gNum * h * s * 2 * xi + gQ * (1 - 2 * xi);
        double gH = gNum * (s * xi * xi + dk * q) + gS / w;
        double gW = -gXi * xi / w - gS * s / w;
        double gXk = -gXi / w;
        double gYk = gy;
        double gx = gXi / w;

        // Knot positions are cumulative: x_k = −B + 2B Σ_{j<k} share'_j, W = 2B share'_k, likewise for heights.
        double scale = 2 * bound * (1 - bins * MIN_BIN);
        double[] gShareW = new double[bins];
        double[] gShareH = new double[bins];
        for (int j = 0; j < k; j++) {
            gShareW[j] = scale * gXk;
            gShareH[j] = scale * gYk;
        }
        gShareW[k] += scale * gW;
        gShareH[k] += scale * gH;
        softmaxBackward(kn.widthShare, gShareW, gp, off);
        softmaxBackward(kn.heightShare, gShareH, gp, off + bins);
        int dOff = off + 2 * bins - 1;
        if (k > 0) {
            gp[dOff + k] += gDk * sigmoid(p[dOff + k] + DERIVATIVE_SHIFT);
        }
        if (k + 1 < bins) {
            gp[dOff + k + 1] += gDk1 * sigmoid(p[dOff + k + 1] + DERIVATIVE_SHIFT);
        }
        return gx;
    }

    private void softmaxBackward(double[] share, double[] gShare, double[] gp, int off) {
        double dot = 0;
        for (int j = 0; j < bins; j++) {
            dot += share[j] * gShare[j];
        }
        for (int j = 0; j < bins; j++) {
            gp[off + j] += share[j] * (gShare[j] - dot);
        }
    }

    private static double softplus(double v) {
        return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
    }

    private static double sigmoid(double v) {
        return v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
    }
}
