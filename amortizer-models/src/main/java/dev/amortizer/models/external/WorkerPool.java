package dev.amortizer.models.external;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Up to {@code workers} processes of one command, started when first needed and restarted after a failure; a
 * thread borrows one for a batch and gives it back. Standard input of each is closed when the JVM exits, so the
 * commands end with it.
 */
final class WorkerPool implements AutoCloseable {
    /** Bytes of the log's end that an error message quotes. */
    static final int TAIL_BYTES = 600;

    private final ExternalCommand command;
    private final BlockingQueue<Integer> free;
    private final CommandWorker[] workers;
    private final ScheduledExecutorService watchdog;
    private final Thread shutdownHook;

    WorkerPool(ExternalCommand command) {
        this.command = command;
        this.workers = new CommandWorker[command.workers()];
        this.free = new ArrayBlockingQueue<>(command.workers());
        for (int i = 0; i < command.workers(); i++) {
            free.add(i);
        }
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "external-command-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.shutdownHook = new Thread(this::closeWorkers, "external-command-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    ExternalCommand command() {
        return command;
    }

    /** One batch on a free worker (waiting for one), started or restarted as needed. */
    double[][] run(long seed, String header, double[][] rows, String expectedHeader, int columns) throws BatchFailure {
        int slot;
        try {
            slot = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a worker of " + command.describe(), e);
        }
        try {
            CommandWorker w = worker(slot);
            try {
                return w.run(seed, header, rows, expectedHeader, columns, watchdog);
            } catch (BatchFailure e) {
                // a command that answers one batch per run and exits is restarted, not blamed
                if (e.kind == BatchFailure.Kind.CRASHED && w.answeredBefore() && exitedCleanly(w)) {
                    return worker(slot).run(seed, header, rows, expectedHeader, columns, watchdog);
                }
                throw e;
            }
        } finally {
            free.add(slot);
        }
    }

    private static boolean exitedCleanly(CommandWorker w) {
        return w.exitCode() == 0;
    }

    private synchronized CommandWorker worker(int slot) {
        CommandWorker w = workers[slot];
        if (w == null || !w.usable()) {
            if (w != null) {
                w.kill();
            }
            w = CommandWorker.start(command, slot);
            workers[slot] = w;
        }
        return w;
    }

    /** Appends a line of our own to the command's log, so a failure is explained next to its standard error. */
    void note(String line) {
        try {
            Files.writeString(command.log(), "amortizer: " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // the log is a courtesy; its absence must not fail a run
        }
    }

    /** The last lines of the log, for an error message. */
    String logTail() {
        try (var file = java.nio.channels.FileChannel.open(command.log(), StandardOpenOption.READ)) {
            long size = file.size();
            long from = Math.max(0, size - TAIL_BYTES);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) (size - from));
            file.read(buffer, from);
            String tail = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            return tail.isBlank() ? "(nothing on standard error)" : tail.strip();
        } catch (IOException e) {
            return "(the log " + command.log() + " cannot be read: " + e.getMessage() + ")";
        }
    }

    private synchronized void closeWorkers() {
        List<CommandWorker> open = new ArrayList<>();
        for (int i = 0; i < workers.length; i++) {
            if (workers[i] != null) {
                open.add(workers[i]);
                workers[i] = null;
            }
        }
        open.forEach(CommandWorker::close);
    }

    @Override
    public void close() {
        closeWorkers();
        watchdog.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook closes the workers
        }
    }
}
