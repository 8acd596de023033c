package dev.amortizer.cli;

import dev.amortizer.models.TaskCatalog;
import dev.amortizer.task.Task;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code amortizer tasks}: the catalogue, then the plugins' tasks, with dimensions and what each task offers. */
@Command(name = "tasks", description = "List tasks with dimensions and likelihood flag.")
final class TasksCommand implements Callable<Integer> {
    @Mixin
    SeedOption seed;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.printf("%-26s %6s %6s %11s %10s%n", "task", "dim θ", "dim x", "likelihood", "reference");
        java.util.List<Task> tasks = new java.util.ArrayList<>(TaskCatalog.all());
        dev.amortizer.models.TaskResolver.providedNames().forEach(n -> tasks.add(Inputs.task(n)));
        for (Task t : tasks) {
            out.printf("%-26s %6d %6d %11s %10s%n", t.name(), t.parameterDim(), t.dataDim(),
                    t.likelihood().isPresent() ? "yes" : "no", t.referencePosterior().isPresent() ? "yes" : "no");
        }
        return 0;
    }
}
