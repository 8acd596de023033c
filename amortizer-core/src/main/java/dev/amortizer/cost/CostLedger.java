package dev.amortizer.cost;

import dev.amortizer.device.ComputeEnvironment;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * An immutable record of cost per {@link Phase}; a trained model carries one. It may also say where the costs were
 * measured ({@link #device()}): a wall second on a GPU and one on two CPU cores are different currencies.
 */
public final class CostLedger {
    private final Map<Phase, Cost> byPhase;
    private final ComputeEnvironment device;

    private CostLedger(Map<Phase, Cost> byPhase, ComputeEnvironment device) {
        EnumMap<Phase, Cost> copy = new EnumMap<>(Phase.class);
        copy.putAll(byPhase);
        this.byPhase = Collections.unmodifiableMap(copy);
        this.device = device;
    }

    public static CostLedger empty() {
        return new CostLedger(Map.of(), null);
    }

    /** A ledger that does not say where its costs were measured. */
    public static CostLedger of(Map<Phase, Cost> byPhase) {
        return new CostLedger(byPhase, null);
    }

    /** A ledger of costs measured on {@code device} (null: not recorded). */
    public static CostLedger of(Map<Phase, Cost> byPhase, ComputeEnvironment device) {
        return new CostLedger(byPhase, device);
    }

    /** The same costs, recorded as measured on {@code device}. */
    public CostLedger on(ComputeEnvironment device) {
        return new CostLedger(byPhase, device);
    }

    /** Where the costs were measured; null where that was not recorded (e.g. model files written before it was). */
    public ComputeEnvironment device() {
        return device;
    }

    /** The cost of one phase ({@link Cost#ZERO} if nothing was spent there). */
    public Cost get(Phase phase) {
        return byPhase.getOrDefault(phase, Cost.ZERO);
    }

    public Map<Phase, Cost> byPhase() {
        return byPhase;
    }

    /** The fixed, up-front cost F: simulation + training + validation. */
    public Cost fixed() {
        Cost total = Cost.ZERO;
        for (Phase p : Phase.values()) {
            if (p.isFixed()) {
                total = total.plus(get(p));
            }
        }
        return total;
    }

    public Cost total() {
        Cost total = Cost.ZERO;
        for (Cost c : byPhase.values()) {
            total = total.plus(c);
        }
        return total;
    }

    /** Both ledgers added phase by phase; the device is this one's, else {@code o}'s. */
    public CostLedger plus(CostLedger o) {
        EnumMap<Phase, Cost> sum = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            Cost c = get(p).plus(o.get(p));
            if (!c.equals(Cost.ZERO)) {
                sum.put(p, c);
            }
        }
        return new CostLedger(sum, device != null ? device : o.device);
    }

    @Override
    public String toString() {
        return "CostLedger" + byPhase + (device == null ? "" : " on " + device.summary());
    }
}
