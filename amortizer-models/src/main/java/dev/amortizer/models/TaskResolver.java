package dev.amortizer.models;

import dev.amortizer.data.Quoted;
import dev.amortizer.models.spec.TaskSpecs;
import dev.amortizer.task.Task;
import dev.amortizer.task.TaskProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The one place a task is found from what a user typed: a catalogue name ({@link TaskCatalog}), else a name a
 * {@link TaskProvider} on the classpath answers to, else the path of a task spec file ({@link TaskSpecs}).
 *
 * <p>{@code Task t = TaskResolver.resolve("my-task/task.json");}
 */
public final class TaskResolver {
    private TaskResolver() {
    }

    /** The task {@code nameOrPath} names; a spec's external commands log to {@link TaskSpecs#defaultLog}. */
    public static Task resolve(String nameOrPath) {
        return resolve(nameOrPath, null);
    }

    /**
     * The task {@code nameOrPath} names, a spec's commands appending their standard error to {@code log} (null: the
     * file {@code NAME.simulator.log} in the working folder); an unknown name is an IllegalArgumentException.
     */
    public static Task resolve(String nameOrPath, Path log) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new IllegalArgumentException("a task name or spec file is required");
        }
        if (isCatalogued(nameOrPath)) {
            return TaskCatalog.byName(nameOrPath);
        }
        Optional<Task> provided = provided(nameOrPath);
        if (provided.isPresent()) {
            return provided.get();
        }
        Path file = Path.of(nameOrPath);
        if (Files.isRegularFile(file)) {
            return spec(file, log);
        }
        if (Files.exists(file)) {
            throw new IllegalArgumentException("task " + Quoted.of(nameOrPath) + " is a folder; give the spec file in it");
        }
        List<String> plugins = providedNames();
        throw new IllegalArgumentException("unknown task " + Quoted.of(nameOrPath) + ": no file of that name, and not"
                + " a catalogue task (" + String.join(", ", TaskCatalog.names())
                + (plugins.isEmpty() ? "" : ") nor a plugin's (" + String.join(", ", plugins)) + ")");
    }

    /** The names of the tasks of every {@link TaskProvider} on the classpath. */
    public static List<String> providedNames() {
        List<String> names = new ArrayList<>();
        for (TaskProvider p : providers()) {
            names.addAll(p.names());
        }
        return names;
    }

    private static boolean isCatalogued(String name) {
        try {
            TaskCatalog.byName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<Task> provided(String name) {
        for (TaskProvider p : providers()) {
            Optional<Task> t = p.task(name);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    private static List<TaskProvider> providers() {
        List<TaskProvider> out = new ArrayList<>();
        try {
            ServiceLoader.load(TaskProvider.class, Thread.currentThread().getContextClassLoader()).forEach(out::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalArgumentException("a task plugin on the classpath cannot be loaded: " + e.getMessage(), e);
        }
        return out;
    }

    private static Task spec(Path file, Path log) {
        Task task;
        try {
            task = TaskSpecs.load(file, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (isCatalogued(task.name()) || provided(task.name()).isPresent()) {
            throw new IllegalArgumentException(file + ": name " + Quoted.of(task.name()) + " is already a catalogue or"
                    + " plugin task's; a model file names its task, so choose another name");
        }
        return task;
    }
}
