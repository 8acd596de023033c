package dev.amortizer.task;

import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reflections of θ under which a task's prior and likelihood are both invariant, so that every posterior is too:
 * p(gθ | x) = p(θ | x) for each g of the group they generate. Three kinds, each a signed permutation of θ, so that a
 * box maps onto a box: {@code flip i} (θ_i ↦ −θ_i: slcp's θ₃ and θ₄ enter its likelihood squared), {@code swap i j}
 * (θ_i ↔ θ_j: exchangeable parameters, such as a mixture's components) and {@code swap- i j} (θ_i ↦ −θ_j,
 * θ_j ↦ −θ_i: two_moons, whose x depends on |θ₁ + θ₂|). Coordinates are 1-based in names and text, 0-based in code.
 * The reflections must commute (their normals orthogonal: no coordinate shared, or {@code swap} and {@code swap-}
 * of the same pair), so the group has 2^k elements, one per subset of the k reflections.
 *
 * <p>NPE uses a declared symmetry twice: it trains on θ <em>folded</em> into the region where every reflection's
 * n·θ ≥ 0 (one copy of each mode, the rest being images of it), and its posterior symmetrises: a draw is a draw of
 * the fitted q followed by a uniformly random element of the group, so its density is the orbit average
 * (1/2^k) Σ_g q(gθ | x). That is exactly symmetric whatever q learned, and where q fits the folded posterior it is the
 * true one. The declaration is knowledge of the simulator, not of any posterior; a wrong one biases every posterior,
 * so training refuses a prior it does not hold for ({@link #checkPrior}), and {@link #checkLikelihood} tests a
 * likelihood against it (the catalogue's tests run it on every declaring task).
 *
 * <p>{@code ParameterSymmetry s = ParameterSymmetry.parse(5, List.of("flip 3", "flip 4"));}
 */
public final class ParameterSymmetry {
    /** The most reflections: a density is the average of 2^k evaluations of the estimator. */
    public static final int MAX_REFLECTIONS = 8;

    private final int dim;
    private final List<Reflection> reflections;

    /** The three kinds of reflection, by the word that declares them. */
    private enum Kind {
        FLIP("flip"), SWAP("swap"), SWAP_NEGATED("swap-");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    /** One reflection of 0-based coordinates i and j (j = −1 for a flip). */
    record Reflection(Kind kind, int i, int j) {
        /** The unit normal n; the reflection is θ ↦ θ − 2(n·θ)n. */
        double[] normal(int dim) {
            double[] n = new double[dim];
            if (kind == Kind.FLIP) {
                n[i] = 1;
            } else {
                double h = Math.sqrt(0.5);
                n[i] = h;
                n[j] = kind == Kind.SWAP ? -h : h;
            }
            return n;
        }

        /** n·θ up to a positive factor: the side of the mirror θ is on. */
        double side(double[] theta) {
            return switch (kind) {
                case FLIP -> theta[i];
                case SWAP -> theta[i] - theta[j];
                case SWAP_NEGATED -> theta[i] + theta[j];
            };
        }

        void apply(double[] theta) {
            if (kind == Kind.FLIP) {
                theta[i] = -theta[i];
            } else {
                double a = theta[i];
                boolean negate = kind == Kind.SWAP_NEGATED;
                theta[i] = negate ? -theta[j] : theta[j];
                theta[j] = negate ? -a : a;
            }
        }

        @Override
        public String toString() {
            return kind == Kind.FLIP ? "flip " + (i + 1) : kind.word + " " + (i + 1) + " " + (j + 1);
        }
    }

    private ParameterSymmetry(int dim, List<Reflection> reflections) {
        this.dim = dim;
        this.reflections = List.copyOf(reflections);
    }

    /**
     * The symmetry of θ ∈ R^{@code dim} that the texts declare, one reflection each ("flip 3", "swap 1 2",
     * "swap- 1 2"; 1-based coordinates), as a task, a spec file or a model file gives them. Unknown kinds, bad or
     * repeated coordinates, reflections that do not commute, none at all or more than {@link #MAX_REFLECTIONS} are an
     * IllegalArgumentException naming the entry.
     */
    public static ParameterSymmetry parse(int dim, List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            throw new IllegalArgumentException("a parameter symmetry needs at least one reflection"
                    + " (\"flip i\", \"swap i j\" or \"swap- i j\")");
        }
        if (texts.size() > MAX_REFLECTIONS) {
            throw new IllegalArgumentException(texts.size() + " reflections declared; at most " + MAX_REFLECTIONS
                    + " (each doubles the cost of a density)");
        }
        List<Reflection> out = new ArrayList<>();
        for (int e = 0; e < texts.size(); e++) {
            Reflection r = reflection(dim, texts.get(e), e + 1);
            for (Reflection earlier : out) {
                if (!commute(earlier, r, dim)) {
                    throw new IllegalArgumentException("reflection " + (e + 1) + " (" + r + ") does not commute with "
                            + earlier + ": the reflections of a symmetry must act on different coordinates (or be"
                            + " swap and swap- of the same two)");
                }
            }
            out.add(r);
        }
        return new ParameterSymmetry(dim, out);
    }

    private static Reflection reflection(int dim, String text, int entry) {
        String[] words = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        String kind = words.length > 0 ? words[0] : "";
        int arity = kind.equals("flip") ? 1 : kind.equals("swap") || kind.equals("swap-") ? 2 : -1;
        if (arity < 0 || words.length != arity + 1) {
            throw new IllegalArgumentException("reflection " + entry + " is " + (text == null ? "null"
                    : "\"" + text + "\"") + "; expected \"flip i\", \"swap i j\" or \"swap- i j\" with 1-based"
                    + " parameter numbers");
        }
        int[] c = new int[arity];
        for (int k = 0; k < arity; k++) {
            try {
                c[k] = Integer.parseInt(words[k + 1]) - 1;
            } catch (NumberFormatException ex) {
                c[k] = -1;
            }
            if (c[k] < 0 || c[k] >= dim) {
                throw new IllegalArgumentException("reflection " + entry + " (\"" + text + "\") names parameter "
                        + words[k + 1] + "; expected a number from 1 to " + dim);
            }
        }
        if (arity == 2 && c[0] == c[1]) {
            throw new IllegalArgumentException("reflection " + entry + " (\"" + text + "\") swaps a parameter with"
                    + " itself; expected two different parameters");
        }
        return arity == 1 ? new Reflection(Kind.FLIP, c[0], -1) : new Reflection(
                kind.equals("swap") ? Kind.SWAP : Kind.SWAP_NEGATED, Math.min(c[0], c[1]), Math.max(c[0], c[1]));
    }

    private static boolean commute(Reflection a, Reflection b, int dim) {
        double[] na = a.normal(dim);
        double[] nb = b.normal(dim);
        double dot = 0;
        for (int k = 0; k < dim; k++) {
            dot += na[k] * nb[k];
        }
        return Math.abs(dot) < 1e-12;
    }

    /**
     * {@code task} without its declared symmetry, so that NPE fits θ as given (to compare, or to reproduce a model
     * trained before the declaration); {@code task} itself where it declares none.
     */
    public static Task undeclaredOn(Task task) {
        if (task.parameterSymmetry().isEmpty()) {
            return task;
        }
        return new ForwardingTask(task) {
            @Override
            public Optional<ParameterSymmetry> parameterSymmetry() {
                return Optional.empty();
            }
        };
    }

    /** D, the dimension of θ. */
    public int dim() {
        return dim;
    }

    /** 2^k, the number of elements of the group (the identity included). */
    public int groupSize() {
        return 1 << reflections.size();
    }

    /** The declaration, one text per reflection, as {@link #parse} reads it. */
    public List<String> texts() {
        return reflections.stream().map(Reflection::toString).toList();
    }

    /** θ folded into the region where every reflection's n·θ ≥ 0: each reflection applied where θ lies behind it. */
    public double[] fold(double[] theta) {
        requireDim(theta);
        double[] t = theta.clone();
        for (Reflection r : reflections) {
            if (r.side(t) < 0) {
                r.apply(t);
            }
        }
        return t;
    }

    /** The image of θ under group element {@code element} (bit k set: the k-th reflection applied). */
    public double[] image(double[] theta, int element) {
        requireDim(theta);
        if (element < 0 || element >= groupSize()) {
            throw new IllegalArgumentException("element " + element + " of a group of " + groupSize());
        }
        double[] t = theta.clone();
        for (int k = 0; k < reflections.size(); k++) {
            if ((element >>> k & 1) == 1) {
                reflections.get(k).apply(t);
            }
        }
        return t;
    }

    /** Applies a uniformly random element of the group to θ, in place: one fair coin per reflection. */
    public void applyRandom(double[] theta, Rng rng) {
        for (Reflection r : reflections) {
            if (rng.nextDouble() < 0.5) {
                r.apply(theta);
            }
        }
    }

    /**
     * Refuses a prior the symmetry does not hold for: its support box must map onto itself under every reflection,
     * and its log density be the same at θ and at each reflection of θ for {@code draws} draws from {@code rng}
     * (to 10⁻⁹ relative). The IllegalArgumentException names the reflection and what differs.
     */
    public void checkPrior(Prior prior, int draws, Rng rng) {
        if (prior.dim() != dim) {
            throw new IllegalArgumentException("the symmetry acts on " + dim + " parameters, the prior has "
                    + prior.dim());
        }
        Support box = prior.support();
        for (Reflection r : reflections) {
            double[] lo = box.lower();
            double[] hi = box.upper();
            double[] lo2 = lo.clone();
            double[] hi2 = hi.clone();
            r.apply(lo2);
            r.apply(hi2);
            for (int k = 0; k < dim; k++) {
                double a = Math.min(lo2[k], hi2[k]);
                double b = Math.max(lo2[k], hi2[k]);
                if (a != lo[k] || b != hi[k]) {
                    throw new IllegalArgumentException("the prior's support " + box + " does not map onto itself"
                            + " under " + r + ": parameter " + (k + 1) + " would range over [" + a + ", " + b + "]");
                }
            }
        }
        for (int n = 0; n < draws; n++) {
            double[] theta = prior.sample(rng);
            double lp = prior.logDensity(theta);
            for (int e = 1; e < groupSize(); e++) {
                double lg = prior.logDensity(image(theta, e));
                if (!(Math.abs(lg - lp) <= 1e-9 * Math.max(1, Math.abs(lp)))) {
                    throw new IllegalArgumentException("the prior's log density differs under the symmetry's element "
                            + e + " (" + texts() + "): " + lp + " at a draw, " + lg + " at its image");
                }
            }
        }
    }

    /**
     * Refuses a likelihood the symmetry does not hold for: log p(x | θ) must equal log p(x | gθ) (to 10⁻⁹
     * relative) for {@code pairs} pairs simulated from {@code task}'s prior and simulator with {@code rng}.
     */
    public void checkLikelihood(Task task, LogLikelihood likelihood, int pairs, Rng rng) {
        for (int n = 0; n < pairs; n++) {
            double[] theta = task.prior().sample(rng);
            double[] x = task.simulator().simulate(theta, rng);
            double l = likelihood.logLikelihood(theta, x);
            for (int e = 1; e < groupSize(); e++) {
                double lg = likelihood.logLikelihood(image(theta, e), x);
                if (!(Math.abs(lg - l) <= 1e-9 * Math.max(1, Math.abs(l))) && !(Double.isInfinite(l) && lg == l)) {
                    throw new IllegalArgumentException("task " + task.name() + "'s likelihood differs under the"
                            + " symmetry's element " + e + " (" + texts() + "): " + l + " at a simulated pair, " + lg
                            + " at its θ's image");
                }
            }
        }
    }

    private void requireDim(double[] theta) {
        if (theta.length != dim) {
            throw new IllegalArgumentException("θ has " + theta.length + " values; the symmetry acts on " + dim);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSymmetry s && dim == s.dim && reflections.equals(s.reflections);
    }

    @Override
    public int hashCode() {
        return 31 * dim + reflections.hashCode();
    }

    @Override
    public String toString() {
        return String.join(", ", texts());
    }
}
