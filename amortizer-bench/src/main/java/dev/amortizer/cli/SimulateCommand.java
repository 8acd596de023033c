package dev.amortizer.cli;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SamplesCsv;
import dev.amortizer.random.Rng;
import dev.amortizer.task.ParallelSimulation;
import dev.amortizer.task.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code amortizer simulate}: θ ~ prior, x ~ simulator, written as DIR/theta.csv and DIR/x.csv. */
@Command(name = "simulate", description = "Draw (θ, x) pairs from the prior and simulator.")
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    TaskOption taskOption;
    @Option(names = "--n", required = true, description = "number of simulations")
    long n;
    @Option(names = "--out", required = true, description = "output folder")
    Path out;
    @Option(names = "--threads", defaultValue = "2", description = "simulation threads; the output does not depend on it (default 2)")
    long threads;
    @Mixin
    SeedOption seed;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Task task = taskOption.task();
        int count = Inputs.positive("--n", n);
        int threadCount = Inputs.positive("--threads", threads);
        Outputs.folder(spec.commandLine().getErr(), "--out", out, List.of("theta.csv", "x.csv"));
        // θ and x, and each copied once into the Samples written
        MemoryCheck.require("--n", count, task.parameterDim() + task.dataDim(), 2, "simulations");
        Rng rng = seed.rng();
        double[][] theta = task.prior().sample(count, rng.split());
        double[][] x = ParallelSimulation.simulate(task.simulator(), theta, rng.split(), threadCount);
        SamplesCsv.write(Samples.of(task.parameterNames(), theta), out.resolve("theta.csv"));
        SamplesCsv.write(Samples.of(task.dataNames(), x), out.resolve("x.csv"));
        spec.commandLine().getOut().println("wrote " + count + " simulations of " + task.name() + " to " + out);
        return 0;
    }
}
