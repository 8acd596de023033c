package dev.amortizer.cli;

import dev.amortizer.task.Task;
import picocli.CommandLine.Option;

/** The {@code --task} option of the commands that work on one task. */
final class TaskOption {
    @Option(names = "--task", required = true, description = "task: a catalogue name (see `amortizer tasks`), a plugin's task,"
            + " or the path of a task spec file (amortizer-models/README.md)")
    String name;

    /** The named task; an unknown name is bad input listing the known ones. */
    Task task() {
        return Inputs.task(name);
    }
}
