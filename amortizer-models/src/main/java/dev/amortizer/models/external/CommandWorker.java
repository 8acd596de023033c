package dev.amortizer.models.external;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One process of an external command, kept running across batches (starting a Python interpreter costs a tenth of
 * a second or more, which would dominate short batches). One batch: the line {@code #batch SEED ROWS}, the CSV
 * header, ROWS lines of values; the answer: the expected header, then ROWS lines. Not thread-safe: one thread
 * drives a worker.
 */
final class CommandWorker implements AutoCloseable {
    /** Characters of one answer line beyond which it is malformed (guards memory against a runaway command). */
    static final int MAX_LINE = 1 << 20;

    /** Threads that write batches to the processes' standard input. */
    private static final java.util.concurrent.ExecutorService WRITERS = java.util.concurrent.Executors
            .newCachedThreadPool(r -> {
                Thread t = new Thread(r, "external-command-writer");
                t.setDaemon(true);
                return t;
            });

    private final ExternalCommand command;
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private volatile boolean timedOut;
    private boolean broken;
    private int batches;

    private CommandWorker(ExternalCommand command, Process process) {
        this.command = command;
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the command; one that cannot be started is bad input naming it and the reason. */
    static CommandWorker start(ExternalCommand command, int index) {
        ProcessBuilder pb = new ProcessBuilder(command.command()).directory(command.directory().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(command.log().toFile()));
        pb.environment().put("AMORTIZER_WORKER", Integer.toString(index));
        try {
            return new CommandWorker(command, pb.start());
        } catch (IOException e) {
            throw new IllegalArgumentException("command " + command.describe() + " cannot be started: "
                    + e.getMessage(), e);
        }
    }

    /** Whether this worker can take another batch. */
    boolean usable() {
        return !broken && process.isAlive();
    }

    /** The exit code, or -1 while the process runs. */
    int exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Whether the process has answered a batch, so an exit now means it serves one batch per run. */
    boolean answeredBefore() {
        return batches > 0;
    }

    /**
     * Sends one batch and reads its answer: {@code rows.length} rows of {@code columns} values each (NaN and
     * infinities allowed: the caller counts them). Any other answer, an exit or a timeout is a {@link BatchFailure},
     * after which this worker is killed.
     */
    double[][] run(long seed, String header, double[][] rows, String expectedHeader, int columns,
                   ScheduledExecutorService watchdog) throws BatchFailure {
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            timedOut = true;
            kill();
        }, Math.round(command.timeoutSeconds() * 1e3), TimeUnit.MILLISECONDS);
        try {
            return exchange(seed, header, rows, expectedHeader, columns);
        } catch (BatchFailure e) {
            kill();
            throw timedOut ? timeout() : e;
        } catch (IOException e) {
            kill();
            throw timedOut ? timeout() : new BatchFailure(BatchFailure.Kind.CRASHED, "the pipe broke (" + e.getMessage()
                    + ")" + exitStatus());
        } finally {
            alarm.cancel(false);
        }
    }

    private double[][] exchange(long seed, String header, double[][] rows, String expectedHeader, int columns)
            throws IOException, BatchFailure {
        StringBuilder batch = new StringBuilder(64 + rows.length * rows[0].length * 24);
        batch.append("#batch ").append(seed).append(' ').append(rows.length).append('\n').append(header).append('\n');
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                batch.append(j == 0 ? "" : ",").append(row[j]);
            }
            batch.append('\n');
        }
        // written by another thread while this one reads: a command that answers row by row as it reads would
        // otherwise fill the output pipe while we are still filling its input, and both would wait forever
        String text = batch.toString();
        java.util.concurrent.Future<?> writing = WRITERS.submit(() -> {
            in.write(text);
            in.flush();
            return null;
        });
        double[][] x;
        try {
            x = answer(rows.length, expectedHeader, columns);
        } catch (IOException | BatchFailure | RuntimeException e) {
            kill(); // a process that answered wrongly may no longer read, and the writer would wait on it
            writing.cancel(true);
            throw e;
        }
        finish(writing);
        return x;
    }

    /** Waits for the batch to be written; a process that answered without reading it all is killed by the alarm. */
    private void finish(java.util.concurrent.Future<?> writing) throws IOException {
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("writing a batch failed", e.getCause());
        }
    }

    private double[][] answer(int count, String expectedHeader, int columns) throws IOException, BatchFailure {
        String first = readLine();
        if (first == null) {
            throw new BatchFailure(BatchFailure.Kind.CRASHED, "no answer" + exitStatus());
        }
        if (!first.strip().equals(expectedHeader)) {
            throw new BatchFailure(BatchFailure.Kind.MALFORMED, "the answer's header is "
                    + dev.amortizer.data.Quoted.of(first) + ", expected " + dev.amortizer.data.Quoted.of(expectedHeader));
        }
        double[][] x = new double[count][];
        for (int i = 0; i < count; i++) {
            String line = readLine();
            if (line == null) {
                throw new BatchFailure(BatchFailure.Kind.CRASHED, "answered " + i + " of " + count + " rows"
                        + exitStatus());
            }
            x[i] = parse(line, i, columns);
        }
        batches++;
        return x;
    }

    private String readLine() throws IOException, BatchFailure {
        String line = out.readLine();
        if (line != null && line.length() > MAX_LINE) {
            throw new BatchFailure(BatchFailure.Kind.MALFORMED, "an answer line has more than " + MAX_LINE + " characters");
        }
        return line;
    }

    private static double[] parse(String line, int row, int columns) throws BatchFailure {
        List<String> cells = List.of(line.strip().split(",", -1));
        if (cells.size() != columns) {
            throw new BatchFailure(BatchFailure.Kind.MALFORMED, "answer row " + (row + 1) + " has " + cells.size()
                    + " values, expected " + columns);
        }
        double[] x = new double[columns];
        for (int j = 0; j < columns; j++) {
            x[j] = number(cells.get(j).strip(), row, j);
        }
        return x;
    }

    /** A decimal number, or nan/inf/-inf as Python, R and C print them. */
    private static double number(String cell, int row, int column) throws BatchFailure {
        switch (cell.toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                // parseDouble alone would also take hexadecimal and a trailing d or f
                if (cell.isEmpty() || !cell.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    throw new BatchFailure(BatchFailure.Kind.MALFORMED, "answer row " + (row + 1) + ", value "
                            + (column + 1) + " is " + dev.amortizer.data.Quoted.of(cell) + ", expected a number");
                }
                return Double.parseDouble(cell);
            }
        }
    }

    private BatchFailure timeout() {
        return new BatchFailure(BatchFailure.Kind.TIMED_OUT, "no complete answer within " + command.timeoutSeconds()
                + " s; the process was killed");
    }

    private String exitStatus() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return "; the process exited with code " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** Kills the process and everything it started, and reaps it, so no process and no zombie is left. */
    void kill() {
        broken = true;
        List<ProcessHandle> descendants = process.descendants().toList(); // before the parent dies and they move
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes standard input, which tells the command to finish; kills it if it has not after a second. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // already gone; killed below if not
        }
        try {
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }
}
