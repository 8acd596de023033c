package dev.amortizer.npe.fmpe;

/**
 * The ODE dθ/dt = v(θ, t, c) of a {@link VelocityField}, integrated with {@code steps} fixed steps of the classical
 * Runge–Kutta method: forward from a base draw at t = 0 to a posterior draw at t = 1, or backward from θ at t = 1,
 * carrying ∫ ∇·v dt, for log q(θ | c) = log N(θ₀; 0, I) − ∫₀¹ ∇·v dt (the continuous ODE's density,
 * {@link #logDensity}), or by inverting the forward steps themselves, for the exact density of the draws
 * {@link #forward} makes ({@link #logDensityOfDraws}). A fixed grid makes every draw and density a deterministic
 * function of its inputs and weights.
 */
public final class FlowOde {
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);
    /** Newton iterations allowed per inverted step, damping included. */
    private static final int MAX_NEWTON = 60;

    private FlowOde() {
    }

    /** θ(1) for every row, from θ(0) = {@code base} (rows overwritten and returned). */
    public static double[][] forward(VelocityField field, double[][] base, double[][] c, int steps) {
        double h = 1.0 / steps;
        double[][] theta = base;
        for (int s = 0; s < steps; s++) {
            double t = s * h;
            double[][] k1 = field.velocity(theta, c, t);
            double[][] k2 = field.velocity(shifted(theta, k1, h / 2), c, t + h / 2);
            double[][] k3 = field.velocity(shifted(theta, k2, h / 2), c, t + h / 2);
            double[][] k4 = field.velocity(shifted(theta, k3, h), c, t + h);
            advance(theta, k1, k2, k3, k4, h);
        }
        return theta;
    }

    /** log q(θ_r | c_r) for every row: θ integrated back to t = 0 with the divergence alongside. */
    public static double[] logDensity(VelocityField field, double[][] theta1, double[][] c, int steps) {
        int n = theta1.length;
        int d = field.dim();
        double h = -1.0 / steps;
        double[][] theta = new double[n][];
        for (int r = 0; r < n; r++) {
            theta[r] = theta1[r].clone();
        }
        double[] integral = new double[n]; // ∫ from 1 down to t of ∇·v, i.e. minus ∫ from t to 1
        double[] d1 = new double[n];
        double[] d2 = new double[n];
        double[] d3 = new double[n];
        double[] d4 = new double[n];
        for (int s = 0; s < steps; s++) {
            double t = 1 + s * h;
            double[][] k1 = field.velocityAndDivergence(theta, c, t, d1);
            double[][] k2 = field.velocityAndDivergence(shifted(theta, k1, h / 2), c, t + h / 2, d2);
            double[][] k3 = field.velocityAndDivergence(shifted(theta, k2, h / 2), c, t + h / 2, d3);
            double[][] k4 = field.velocityAndDivergence(shifted(theta, k3, h), c, t + h, d4);
            advance(theta, k1, k2, k3, k4, h);
            for (int r = 0; r < n; r++) {
                integral[r] += h / 6 * (d1[r] + 2 * d2[r] + 2 * d3[r] + d4[r]);
            }
        }
        double[] out = new double[n];
        for (int r = 0; r < n; r++) {
            double sq = 0;
            for (double v : theta[r]) {
                sq += v * v;
            }
            // log N(θ₀) − ∫₀¹ ∇·v dt, the integral accumulated with the sign of the backward step
            out[r] = -0.5 * (sq + d * LOG_TWO_PI) + integral[r];
        }
        return out;
    }

    /**
     * log q(θ_r | c_r) of the draws {@link #forward} makes with {@code steps} steps, exactly: the sampler's map
     * z ↦ θ is the composition of its RK4 steps Φ_s, so log q(θ) = log N(z; 0, I) − Σ_s log |det DΦ_s|, with z and
     * the intermediate points found by inverting the steps one by one from θ back to t = 0 (Newton's method on
     * Φ_s(y) = target, started from an RK4 step backwards, each step's Jacobian carried by forward-mode tangents
     * through its four stages). Unlike {@link #logDensity} (the continuous ODE's density, with its own
     * discretisation error), this is the density of the draws themselves, whatever {@code steps}. Rows run in
     * parallel, each a function of its own inputs only; a row whose step cannot be inverted (Newton failing to reach
     * the target, or a singular step) is NaN.
     */
    public static double[] logDensityOfDraws(VelocityField field, double[][] theta1, double[][] c, int steps) {
        double[] out = new double[theta1.length];
        java.util.stream.IntStream.range(0, theta1.length).parallel()
                .forEach(r -> out[r] = logDensityOfDraw(field, theta1[r], c[r], steps));
        return out;
    }

    private static double logDensityOfDraw(VelocityField field, double[] theta1, double[] c, int steps) {
        int d = field.dim();
        double h = 1.0 / steps;
        double[][] context = {c};
        double[] target = theta1.clone();
        double logDet = 0;
        for (int s = steps - 1; s >= 0; s--) {
            double t = s * h;
            double tolerance = 1e-12 * (1 + maxAbs(target));
            // an RK4 step backwards from the target, within O(h⁵) of the preimage
            double[] y = backward(field, target, context, t + h, h);
            Step step = Step.at(field, y, context, t, h);
            double size = residual(step, target);
            int iterations = 0;
            while (size > tolerance) {
                if (++iterations > MAX_NEWTON) {
                    return Double.NaN;
                }
                Lu lu = Lu.of(step.jacobian);
                if (lu == null) {
                    return Double.NaN;
                }
                double[] delta = lu.solve(minus(step.value, target));
                double lambda = 1;
                while (true) { // damped: halve the Newton step until the residual falls (ReLU fields have kinks)
                    double[] next = y.clone();
                    for (int i = 0; i < d; i++) {
                        next[i] -= lambda * delta[i];
                    }
                    Step tried = Step.at(field, next, context, t, h);
                    double triedSize = residual(tried, target);
                    if (triedSize < size || lambda < 1e-3) {
                        y = next;
                        step = tried;
                        size = triedSize;
                        break;
                    }
                    lambda /= 2;
                    if (++iterations > MAX_NEWTON) {
                        return Double.NaN;
                    }
                }
            }
            Lu lu = Lu.of(step.jacobian);
            if (lu == null) {
                return Double.NaN;
            }
            logDet += lu.logAbsDet();
            target = y;
        }
        double sq = 0;
        for (double v : target) {
            sq += v * v;
        }
        return -0.5 * (sq + d * LOG_TWO_PI) - logDet;
    }

    /** One RK4 step from (y, t) to t − h, plain (no divergence): the Newton start. */
    private static double[] backward(VelocityField field, double[] y, double[][] c, double t, double h) {
        double[][] theta = {y.clone()};
        double b = -h;
        double[][] k1 = field.velocity(theta, c, t);
        double[][] k2 = field.velocity(shifted(theta, k1, b / 2), c, t + b / 2);
        double[][] k3 = field.velocity(shifted(theta, k2, b / 2), c, t + b / 2);
        double[][] k4 = field.velocity(shifted(theta, k3, b), c, t + b);
        advance(theta, k1, k2, k3, k4, b);
        return theta[0];
    }

    private static double residual(Step step, double[] target) {
        double m = 0;
        for (int i = 0; i < target.length; i++) {
            m = Math.max(m, Math.abs(step.value[i] - target[i]));
        }
        return Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    /** One RK4 step of {@link #forward} from (y, t) and its Jacobian ∂Φ/∂y, by the chain rule through the stages. */
    private record Step(double[] value, double[][] jacobian) {
        static Step at(VelocityField field, double[] y, double[][] c, double t, double h) {
            int d = y.length;
            double[][] theta = {y.clone()};
            double[][][] j1 = new double[1][d][d];
            double[][][] j2 = new double[1][d][d];
            double[][][] j3 = new double[1][d][d];
            double[][][] j4 = new double[1][d][d];
            // the same stages, times and arithmetic as forward(...)
            double[][] k1 = field.velocityAndJacobian(theta, c, t, j1);
            double[][] k2 = field.velocityAndJacobian(shifted(theta, k1, h / 2), c, t + h / 2, j2);
            double[][] k3 = field.velocityAndJacobian(shifted(theta, k2, h / 2), c, t + h / 2, j3);
            double[][] k4 = field.velocityAndJacobian(shifted(theta, k3, h), c, t + h, j4);
            advance(theta, k1, k2, k3, k4, h);
            double[][] a1 = j1[0];
            double[][] a2 = times(j2[0], identityPlus(a1, h / 2));
            double[][] a3 = times(j3[0], identityPlus(a2, h / 2));
            double[][] a4 = times(j4[0], identityPlus(a3, h));
            double[][] jacobian = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    jacobian[i][j] = (i == j ? 1 : 0) + h / 6 * (a1[i][j] + 2 * a2[i][j] + 2 * a3[i][j] + a4[i][j]);
                }
            }
            return new Step(theta[0], jacobian);
        }

        private static double[][] identityPlus(double[][] a, double by) {
            int d = a.length;
            double[][] out = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    out[i][j] = (i == j ? 1 : 0) + by * a[i][j];
                }
            }
            return out;
        }

        private static double[][] times(double[][] a, double[][] b) {
            int d = a.length;
            double[][] out = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    double v = a[i][k];
                    for (int j = 0; j < d; j++) {
                        out[i][j] += v * b[k][j];
                    }
                }
            }
            return out;
        }
    }

    /** LU with partial pivoting of a small square matrix; null when it is singular. */
    private record Lu(double[][] lu, int[] pivot) {
        static Lu of(double[][] a) {
            int d = a.length;
            double[][] m = new double[d][];
            for (int i = 0; i < d; i++) {
                m[i] = a[i].clone();
            }
            int[] pivot = new int[d];
            for (int k = 0; k < d; k++) {
                int p = k;
                for (int i = k + 1; i < d; i++) {
                    if (Math.abs(m[i][k]) > Math.abs(m[p][k])) {
                        p = i;
                    }
                }
                if (!(Math.abs(m[p][k]) > 0) || !Double.isFinite(m[p][k])) {
                    return null;
                }
                pivot[k] = p;
                double[] swap = m[k];
                m[k] = m[p];
                m[p] = swap;
                for (int i = k + 1; i < d; i++) {
                    double f = m[i][k] / m[k][k];
                    m[i][k] = f;
                    for (int j = k + 1; j < d; j++) {
                        m[i][j] -= f * m[k][j];
                    }
                }
            }
            return new Lu(m, pivot);
        }

        double logAbsDet() {
            double s = 0;
            for (int i = 0; i < lu.length; i++) {
                s += Math.log(Math.abs(lu[i][i]));
            }
            return s;
        }

        /** x with A x = b. */
        double[] solve(double[] b) {
            int d = lu.length;
            double[] x = b.clone();
            for (int k = 0; k < d; k++) {
                double swap = x[k];
                x[k] = x[pivot[k]];
                x[pivot[k]] = swap;
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < i; j++) {
                    x[i] -= lu[i][j] * x[j];
                }
            }
            for (int i = d - 1; i >= 0; i--) {
                for (int j = i + 1; j < d; j++) {
                    x[i] -= lu[i][j] * x[j];
                }
                x[i] /= lu[i][i];
            }
            return x;
        }
    }

    private static double[][] shifted(double[][] theta, double[][] k, double by) {
        double[][] y = new double[theta.length][];
        for (int r = 0; r < theta.length; r++) {
            double[] tr = theta[r];
            double[] kr = k[r];
            double[] yr = new double[tr.length];
            for (int i = 0; i < tr.length; i++) {
                yr[i] = tr[i] + by * kr[i];
            }
            y[r] = yr;
        }
        return y;
    }

    private static void advance(double[][] theta, double[][] k1, double[][] k2, double[][] k3, double[][] k4,
                                double h) {
        for (int r = 0; r < theta.length; r++) {
            double[] tr = theta[r];
            for (int i = 0; i < tr.length; i++) {
                tr[i] += h / 6 * (k1[r][i] + 2 * k2[r][i] + 2 * k3[r][i] + k4[r][i]);
            }
        }
    }
}
