package dev.amortizer.cost;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** An immutable record of cost per {@link Phase}; a trained model carries one. */
public final class CostLedger {
    private final Map<Phase, Cost> byPhase;

    private CostLedger(Map<Phase, Cost> byPhase) {
        EnumMap<Phase, Cost> copy = new EnumMap<>(Phase.class);
        copy.putAll(byPhase);
        this.byPhase = Collections.unmodifiableMap(copy);
    }

    public static CostLedger empty() {
        return new CostLedger(Map.of());
    }

    public static CostLedger of(Map<Phase, Cost> byPhase) {
        return new CostLedger(byPhase);
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

    /** Both ledgers added phase by phase. */
    public CostLedger plus(CostLedger o) {
        EnumMap<Phase, Cost> sum = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            Cost c = get(p).plus(o.get(p));
            if (!c.equals(Cost.ZERO)) {
                sum.put(p, c);
            }
        }
        return new CostLedger(sum);
    }

    @Override
    public String toString() {
        return "CostLedger" + byPhase;
    }
}
