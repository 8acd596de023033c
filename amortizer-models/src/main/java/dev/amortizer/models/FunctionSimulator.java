package dev.amortizer.models;

import dev.amortizer.random.Rng;
import dev.amortizer.task.Simulator;

/** A {@link Simulator} from its two dimensions and a function drawing one x for one θ. */
final class FunctionSimulator implements Simulator {
    /** Draws one x for one θ from the generator given. */
    @FunctionalInterface
    interface Draw {
        double[] simulate(double[] theta, Rng rng);
    }

    private final int parameterDim;
    private final int dataDim;
    private final Draw draw;

    FunctionSimulator(int parameterDim, int dataDim, Draw draw) {
        this.parameterDim = parameterDim;
        this.dataDim = dataDim;
        this.draw = draw;
    }

    @Override
    public int parameterDim() {
        return parameterDim;
    }

    @Override
    public int dataDim() {
        return dataDim;
    }

    @Override
    public double[] simulate(double[] theta, Rng rng) {
        if (theta.length != parameterDim) {
            throw new IllegalArgumentException("theta has " + theta.length + " values, the simulator expects "
                    + parameterDim);
        }
        return draw.simulate(theta, rng);
    }
}
