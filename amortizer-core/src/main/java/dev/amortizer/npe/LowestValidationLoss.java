package dev.amortizer.npe;

import dev.amortizer.cost.CostLedger;
import dev.amortizer.task.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default's rule among candidates fitted on the same pairs, in memory or streamed: keep the lowest validation
 * loss in θ's own units, log every candidate's loss at INFO when there were several, and carry the ledger of them all.
 */
final class LowestValidationLoss {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LowestValidationLoss.class);

    private final Map<String, Double> losses = new LinkedHashMap<>();
    private NpePosterior best;

    /** Considers one fitted candidate. */
    void offer(NpePosterior q) {
        losses.put(q.config().label(), q.provenance().validationLoss());
        if (best == null || q.provenance().validationLoss() < best.provenance().validationLoss()) {
            best = q;
        }
    }

    /** The kept candidate, its ledger replaced by {@code ledger} (every candidate's cost). */
    NpePosterior kept(Task task, CostLedger ledger) {
        if (best == null) {
            throw new IllegalStateException("no candidate was fitted");
        }
        if (losses.size() > 1) {
            LOG.info("kept {} of {} candidates: validation losses (θ's units) {}", best.config().label(),
                    losses.size(), losses);
        }
        return NpePosterior.of(task, best.config(), best.standardization(), best.bijection(), best.provenance(),
                ledger.on(best.costLedger().device()), best.density());
    }
}
