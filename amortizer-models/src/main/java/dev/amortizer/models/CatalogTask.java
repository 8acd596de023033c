package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Task;
import java.util.List;

/**
 * What every catalogue task with sbibm's column names shares: its name, its prior, and the columns
 * {@code parameter_1..parameter_D} and {@code data_1..data_d}.
 */
abstract class CatalogTask implements Task {
    private final String name;
    private final Prior prior;
    private final List<String> parameterNames;
    private final List<String> dataNames;

    CatalogTask(String name, Prior prior, int dataDim) {
        this.name = name;
        this.prior = prior;
        this.parameterNames = Samples.defaultNames("parameter", prior.dim());
        this.dataNames = Samples.defaultNames("data", dataDim);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Prior prior() {
        return prior;
    }

    @Override
    public final List<String> parameterNames() {
        return parameterNames;
    }

    @Override
    public final List<String> dataNames() {
        return dataNames;
    }

    /** Every catalogue task states where its data can lie. */
    @Override
    public abstract DataSupport dataSupport();
}
