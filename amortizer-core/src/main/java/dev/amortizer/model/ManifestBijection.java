package dev.amortizer.model;

import dev.amortizer.bijection.Bijection;
import dev.amortizer.bijection.CoordinateMap;
import dev.amortizer.data.Quoted;
import dev.amortizer.estimator.SupportHandling;
import java.util.ArrayList;
import java.util.List;

/** An NPE model's {@link Bijection} as the manifest's {@code bijection} lists it: one bounded map per parameter. */
final class ManifestBijection {
    private ManifestBijection() {
    }

    /** The manifest's list for {@code b}; null for none (truncation), infinite bounds as null. */
    static List<ModelManifest.Bound> bounds(Bijection b) {
        if (b == null) {
            return null;
        }
        return b.maps().stream().map(c -> new ModelManifest.Bound(c.kind().name(), finite(c.lower()),
                finite(c.upper()))).toList();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * The bijection {@code m} records: none for truncation and for format 1, which fitted θ itself and recorded none;
     * otherwise one valid map per parameter.
     */
    static Bijection of(ModelManifest m) {
        if (m.formatVersion() < 2) {
            return null;
        }
        if (m.config().support() == SupportHandling.TRUNCATION) {
            if (m.bijection() != null) {
                throw new IllegalArgumentException("the manifest lists a bijection but its config says the model was"
                        + " trained with truncation");
            }
            return null;
        }
        if (m.bijection() == null || m.bijection().size() != m.parameterDim()) {
            throw new IllegalArgumentException("the manifest's bijection must list one map per parameter ("
                    + m.parameterDim() + "), got " + m.bijection());
        }
        List<CoordinateMap> maps = new ArrayList<>();
        for (ModelManifest.Bound b : m.bijection()) {
            if (b == null) {
                throw new IllegalArgumentException("the manifest's bijection lists null for a parameter, expected"
                        + " {map, lower, upper}");
            }
            CoordinateMap.Kind kind;
            try {
                kind = CoordinateMap.Kind.valueOf(String.valueOf(b.map()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown bijection map " + Quoted.of(String.valueOf(b.map()))
                        + "; known: " + List.of(CoordinateMap.Kind.values()), e);
            }
            maps.add(new CoordinateMap(kind, b.lower() == null ? Double.NEGATIVE_INFINITY : b.lower(),
                    b.upper() == null ? Double.POSITIVE_INFINITY : b.upper()));
        }
        return new Bijection(maps);
    }
}
