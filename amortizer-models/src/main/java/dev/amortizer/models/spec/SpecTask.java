package dev.amortizer.models.spec;

import dev.amortizer.models.external.ExternalCommand;
import dev.amortizer.models.external.ExternalLikelihood;
import dev.amortizer.models.external.ExternalSimulator;
import dev.amortizer.task.DataLayout;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Prior;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.RowsLayout;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.util.List;
import java.util.Optional;

/**
 * A task read from a spec file ({@link TaskSpecs}): its prior, and a simulator (and optionally a likelihood) run as
 * external commands. The same simulator instance serves every call, so its {@link ExternalSimulator#failures()} add up.
 */
public final class SpecTask implements Task, AutoCloseable {
    private final String name;
    private final List<String> parameterNames;
    private final List<String> dataNames;
    private final Prior prior;
    private final ExternalSimulator simulator;
    private final ExternalLikelihood likelihood;
    private final RowsLayout rows;
    private final ParameterSymmetry symmetry;

    SpecTask(String name, List<String> parameterNames, List<String> dataNames, Prior prior, ExternalCommand simulator,
             Optional<ExternalCommand> likelihood, Optional<RowsLayout> rows,
             Optional<ParameterSymmetry> symmetry) {
        if (prior.dim() != parameterNames.size()) {
            throw new IllegalArgumentException("the prior has dimension " + prior.dim() + ", the task "
                    + parameterNames.size() + " parameters");
        }
        this.name = name;
        this.parameterNames = List.copyOf(parameterNames);
        this.dataNames = List.copyOf(dataNames);
        this.prior = prior;
        this.simulator = new ExternalSimulator(simulator, parameterNames, dataNames);
        this.likelihood = likelihood.map(c -> new ExternalLikelihood(c, parameterNames, dataNames)).orElse(null);
        this.rows = rows.orElse(null);
        this.symmetry = symmetry.orElse(null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Prior prior() {
        return prior;
    }

    @Override
    public ExternalSimulator simulator() {
        return simulator;
    }

    @Override
    public List<String> parameterNames() {
        return parameterNames;
    }

    @Override
    public List<String> dataNames() {
        return dataNames;
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.ofNullable(likelihood);
    }

    /** Exchangeable rows where the spec declares them ("exchangeableRows"); else a plain vector. */
    @Override
    public Optional<DataLayout> dataLayout() {
        return Optional.ofNullable(rows);
    }

    /** The reflections of θ the spec declares ("parameterSymmetry"); else none. */
    @Override
    public Optional<ParameterSymmetry> parameterSymmetry() {
        return Optional.ofNullable(symmetry);
    }

    /** Ends the command processes (they also end when the JVM exits). */
    @Override
    public void close() {
        simulator.close();
        if (likelihood != null) {
            likelihood.close();
        }
    }
}
