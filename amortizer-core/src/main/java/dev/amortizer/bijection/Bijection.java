package dev.amortizer.bijection;

import dev.amortizer.task.Support;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A coordinate-wise bijection θ = T(u) from R^D onto the interior of a box support, with log |det ∂θ/∂u|.
 *
 * <p>Densities move between the spaces as log p_u(u) = log p_θ(T(u)) + log |det ∂θ/∂u|. Amortisers learn in u and
 * samplers move in u, so no mass or draw ever lands outside the prior's support.
 *
 * <p>{@code Bijection b = Bijection.forSupport(prior.support()); double[] theta = b.forward(u);}
 *
 * <p>Immutable and thread-safe.
 */
public final class Bijection {
    private final CoordinateMap[] maps;

    public Bijection(List<CoordinateMap> maps) {
        this.maps = maps.toArray(CoordinateMap[]::new);
    }

    /** Logistic for finite boxes, log for half-lines, identity for R, chosen per coordinate. */
    public static Bijection forSupport(Support support) {
        List<CoordinateMap> maps = new ArrayList<>();
        for (int i = 0; i < support.dim(); i++) {
            maps.add(CoordinateMap.onto(support.lower(i), support.upper(i)));
        }
        return new Bijection(maps);
    }

    /** The identity on R^dim. */
    public static Bijection identity(int dim) {
        return forSupport(Support.unbounded(dim));
    }

    public int dim() {
        return maps.length;
    }

    /** The per-coordinate maps, for the model file. */
    public List<CoordinateMap> maps() {
        return List.of(maps);
    }

    /** The map of coordinate {@code i}. */
    public CoordinateMap map(int i) {
        return maps[i];
    }

    /** Whether every coordinate is the identity. */
    public boolean isIdentity() {
        return Arrays.stream(maps).allMatch(m -> m.kind() == CoordinateMap.Kind.IDENTITY);
    }

    /** θ = T(u). */
    public double[] forward(double[] u) {
        check(u);
        double[] theta = new double[maps.length];
        for (int i = 0; i < maps.length; i++) {
            theta[i] = maps[i].forward(u[i]);
        }
        return theta;
    }

    /** u = T⁻¹(θ). */
    public double[] inverse(double[] theta) {
        check(theta);
        double[] u = new double[maps.length];
        for (int i = 0; i < maps.length; i++) {
            u[i] = maps[i].inverse(theta[i]);
        }
        return u;
    }

    /** log |det ∂θ/∂u| at u. */
    public double logAbsDetJacobian(double[] u) {
        check(u);
        double s = 0;
        for (int i = 0; i < maps.length; i++) {
            s += maps[i].logDerivative(u[i]);
        }
        return s;
    }

    /**
     * The chain rule for a log density: given g = ∇_θ f at θ = T(u), writes ∇_u [f(T(u)) + log |det ∂θ/∂u|] into
     * {@code gradU}, which may be {@code gradTheta} itself.
     */
    public void pullBack(double[] u, double[] gradTheta, double[] gradU) {
        check(u);
        for (int i = 0; i < maps.length; i++) {
            gradU[i] = gradTheta[i] * maps[i].derivative(u[i]) + maps[i].logDerivativeSlope(u[i]);
        }
    }

    private void check(double[] v) {
        if (v.length != maps.length) {
            throw new IllegalArgumentException("bijection on " + maps.length + " coordinates given a vector of " + v.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bijection b && Arrays.equals(maps, b.maps);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(maps);
    }

    @Override
    public String toString() {
        return "Bijection" + Arrays.toString(maps);
    }
}
