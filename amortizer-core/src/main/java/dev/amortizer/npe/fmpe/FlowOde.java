package dev.amortizer.npe.fmpe;

/**
 * The ODE dθ/dt = v(θ, t, c) of a {@link VelocityField}, integrated with {@code steps} fixed steps of the classical
 * Runge–Kutta method: forward from a base draw at t = 0 to a posterior draw at t = 1, or backward from θ at t = 1,
 * carrying ∫ ∇·v dt, for log q(θ | c) = log N(θ₀; 0, I) − ∫₀¹ ∇·v dt. A fixed grid makes every draw and density a
 * deterministic function of its inputs and weights.
 */
public final class FlowOde {
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

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
