package dev.amortizer.bench;

import dev.amortizer.amortiser.Amortiser;
import dev.amortizer.amortiser.SurrogateMcmc;
import dev.amortizer.data.Quoted;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nle.Nle;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.npe.Npe;
import dev.amortizer.nre.Nre;
import dev.amortizer.nre.NreConfig;
import dev.amortizer.nre.NreLoss;
import dev.amortizer.point.PointConfig;
import dev.amortizer.point.PointEstimation;
import dev.amortizer.summary.SummaryConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The amortisers the benchmark and the command line know by name, each with its default settings. */
public final class AmortiserCatalog {
    private static final Map<String, Supplier<Amortiser>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("npe", DefaultNpe::new);
        BY_NAME.put("npe-" + DefaultNpe.ACROSS_FAMILIES, DefaultNpe::acrossFamilies);
        for (Estimator estimator : Estimator.values()) {
            Npe npe = new Npe(NpeConfig.defaults(estimator));
            BY_NAME.put(npe.name(), () -> new Npe(NpeConfig.defaults(estimator)));
        }
        for (Estimator flow : new Estimator[] {Estimator.MAF, Estimator.NSF}) {
            BY_NAME.put("nle-" + flow.label(), () -> new Nle(Nle.defaultConfig(flow), SurrogateMcmc.defaults()));
        }
        for (NreLoss loss : NreLoss.values()) {
            BY_NAME.put("nre-" + loss.label(), () -> new Nre(NreConfig.defaults(loss), SurrogateMcmc.defaults()));
        }
        BY_NAME.put("point", () -> new PointEstimation(PointConfig.defaults()));
        // Summary networks read structured x: these two serve tasks with a set or series data layout only.
        BY_NAME.put("npe-maf-deepsets", () -> new Npe(NpeConfig.defaults(Estimator.MAF))
                .withSummary(SummaryConfig.deepSets(20)));
        BY_NAME.put("npe-maf-conv", () -> new Npe(NpeConfig.defaults(Estimator.MAF)).withSummary(SummaryConfig.conv(8)));
    }

    private AmortiserCatalog() {
    }

    /** The known names, in catalogue order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** The amortiser called {@code name}; an unknown name is an IllegalArgumentException listing the known ones. */
    public static Amortiser byName(String name) {
        Supplier<Amortiser> make = BY_NAME.get(name);
        if (make == null) {
            throw new IllegalArgumentException("unknown amortiser " + Quoted.of(name) + "; known: " + String.join(", ", names()));
        }
        return make.get();
    }
}
