package dev.amortizer.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * A network's weights as the list of arrays its {@code parameters()} gives (live, in a fixed order): copying them
 * out for a model file, and loading saved ones back into a freshly built network of the same shape.
 *
 * <p>{@code WeightLists.load(saved, net.parameters());}
 */
public final class WeightLists {
    private WeightLists() {
    }

    /**
     * Copies {@code source} into {@code target} array by array; a different count or length is an
     * IllegalArgumentException naming the array.
     */
    public static void load(List<double[]> source, List<double[]> target) {
        if (target.size() != source.size()) {
            throw new IllegalArgumentException("expected " + target.size() + " weight arrays, got " + source.size());
        }
        for (int a = 0; a < target.size(); a++) {
            if (target.get(a).length != source.get(a).length) {
                throw new IllegalArgumentException("weight array " + a + " has " + source.get(a).length
                        + " values, expected " + target.get(a).length);
            }
            System.arraycopy(source.get(a), 0, target.get(a), 0, target.get(a).length);
        }
    }

    /** A deep copy: a new list of cloned arrays, unaffected by later training. */
    public static List<double[]> copyOf(List<double[]> params) {
        List<double[]> out = new ArrayList<>(params.size());
        for (double[] a : params) {
            out.add(a.clone());
        }
        return out;
    }
}
