package dev.amortizer.task;

import java.util.List;
import java.util.Optional;

/**
 * Tasks contributed by a jar on the classpath, found through {@link java.util.ServiceLoader}: the jar lists its
 * implementation in {@code META-INF/services/dev.amortizer.task.TaskProvider}, and the task resolver of
 * amortizer-models asks every provider for a name the catalogue does not know.
 *
 * <p>{@code public Optional<Task> task(String name) { return name.equals("decay") ? Optional.of(new Decay()) : Optional.empty(); }}
 */
public interface TaskProvider {
    /** The names this provider answers to, for listings and error messages. */
    List<String> names();

    /** The task called {@code name}, or empty when this provider does not have it. */
    Optional<Task> task(String name);
}
