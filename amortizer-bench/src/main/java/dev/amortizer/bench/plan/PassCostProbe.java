package dev.amortizer.bench.plan;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.npe.DefaultNpe;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.TrainingSimulations;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times a training pass of the candidates the default NPE will fit beyond the pilot's largest budget. The default
 * sizes the MDN's minibatch to the simulations ({@link NpeConfig#mdnBatchFor}: 32 rows at the pilot's budgets, 64 at
 * 10⁴, 512 from 65,536), and a pass over a row costs less on a larger minibatch: each step's fixed work (Adam's
 * update, the split of the minibatch across threads) is spread over more rows. On two_moons the pilot's trainings ran
 * at 5.4 µs a pass and the bench's at 10⁴ at 3.3, so a planner pricing every budget at the pilot's cost per pass
 * over-predicted F at 10⁴ by ×1.6 (results/plan-validation.md). From {@link DefaultNpe#LARGE_BUDGET_SIMULATIONS} its
 * truncated spline ensemble has more members, and a pass over the candidates costs more.
 *
 * <p>For each budget up to the plan's reach where the candidates change, they train on the pivot's simulations for a
 * fixed number of epochs, once as at the pivot and once as at the new budget; the ratio of their training seconds is
 * the ratio of a pass's cost (the same epochs over the same rows are the same passes). Each timing is the faster of
 * {@value #REPEATS} runs of about {@value #BURST_SECONDS} s. Only the default NPE is probed: no other amortiser
 * changes its candidates with the budget.
 */
final class PassCostProbe {
    /** Wall seconds each timed training aims at. */
    static final double BURST_SECONDS = 0.3;
    /** Timings per minibatch setting; the fastest counts (another job on the machine only slows one down). */
    static final int REPEATS = 2;
    /** Budgets scanned for a change of minibatch grow by this factor (the MDN's rule changes at powers of two). */
    private static final double SCAN_FACTOR = Math.pow(2, 0.25);

    private PassCostProbe() {
    }

    /** The budgets above {@code pivot} and up to {@code reach} where the candidates change. */
    static List<Integer> changes(DefaultNpe npe, Task task, int pivot, double reach) {
        List<Integer> out = new ArrayList<>();
        int low = pivot;
        List<NpeConfig> at = npe.candidates(task, low);
        while (low < reach) {
            int high = (int) Math.min(Math.ceil(low * SCAN_FACTOR), Math.min(reach, Integer.MAX_VALUE - 1));
            if (high <= low) {
                break;
            }
            List<NpeConfig> next = npe.candidates(task, high);
            if (!next.equals(at)) { // the first budget in (low, high] with high's candidates
                int a = low;
                int b = high;
                while (b - a > 1) {
                    int mid = a + (b - a) / 2;
                    if (npe.candidates(task, mid).equals(at)) {
                        a = mid;
                    } else {
                        b = mid;
                    }
                }
                out.add(b);
                at = next;
            }
            low = high;
        }
        return out;
    }

    /**
     * The steps of a pass's cost at {@code changes} (from {@link #changes}) relative to {@code pivot}; empty when there
     * are none. {@code log} hears of a budget with another number of candidates (not priced).
     */
    static List<PilotData.PassCostStep> measure(DefaultNpe npe, Task task, int pivot, List<Integer> changes, Rng rng,
                                                PrintStream log) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<NpeConfig> base = npe.candidates(task, pivot);
        TrainingSimulations pairs = TrainingSimulations.simulate(task, pivot, rng.split(), new CostMeter());
        Cost first = time(npe, task, base, base, 2, pairs, rng); // also the JIT's warm-up at this size
        int epochs = (int) Math.min(Math.max(Math.ceil(2 * BURST_SECONDS / first.wallSeconds()), 2), 1000);
        Cost reference = fastest(npe, task, base, base, epochs, pairs, rng);
        List<PilotData.PassCostStep> steps = new ArrayList<>();
        for (int n : changes) {
            List<NpeConfig> there = npe.candidates(task, n);
            if (there.size() != base.size()) {
                log.printf("pilot: from %,d simulations the default fits %d candidates, not %d; passes priced as at"
                        + " %,d%n", n, there.size(), base.size(), pivot);
                continue;
            }
            Cost c = fastest(npe, task, base, there, epochs, pairs, rng);
            steps.add(new PilotData.PassCostStep(n, batches(there), c.wallSeconds() / reference.wallSeconds(),
                    Math.max(c.cpuSeconds(), 0.01) / Math.max(reference.cpuSeconds(), 0.01)));
        }
        return steps;
    }

    private static Cost fastest(DefaultNpe npe, Task task, List<NpeConfig> base, List<NpeConfig> configs, int epochs,
                                TrainingSimulations pairs, Rng rng) {
        Cost best = null;
        for (int r = 0; r < REPEATS; r++) {
            Cost c = time(npe, task, base, configs, epochs, pairs, rng);
            best = best == null || c.wallSeconds() < best.wallSeconds() ? c : best;
        }
        return best;
    }

    /** The training phase's cost of the candidates {@code configs} (in place of {@code base}) for {@code epochs}. */
    private static Cost time(DefaultNpe npe, Task task, List<NpeConfig> base, List<NpeConfig> configs, int epochs,
                             TrainingSimulations pairs, Rng rng) {
        Map<NpeConfig, NpeConfig> swap = new HashMap<>();
        for (int i = 0; i < base.size(); i++) {
            swap.put(base.get(i), configs.get(i).withEpochs(epochs, epochs));
        }
        DefaultNpe fixed = npe.tuned(c -> swap.getOrDefault(c, c));
        return fixed.train(task, pairs.theta(), pairs.x(), List.of(), rng.split(), new CostMeter())
                .costLedger().get(Phase.TRAINING);
    }

    private static List<Integer> batches(List<NpeConfig> configs) {
        return configs.stream().map(c -> c.schedule().batchSize()).toList();
    }
}
