package dev.amortizer.campaign;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Quoted;
import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one way Amortizer draws training pairs θ ~ p(θ), x ~ p(x | θ): in batches of {@value #BATCH}, batch b drawing
 * θ and then x from the b-th of {@code rng.split(batches)}, split in order before any work starts. A batch's rows
 * therefore depend only on the caller's generator and b, not on the thread count, the order batches complete in, or
 * which of them an earlier process finished. (NPE, NLE, NRE and point estimation have always drawn their pairs this
 * way, so moving them here changed no result.)
 *
 * <p>Given a directory ({@link #in}), each batch is written there as it completes ({@code batch-000012.bin}, renamed
 * into place whole and checksummed); running the same campaign again loads the batches found and simulates only the
 * rest, so a campaign killed after hours loses at most the batches in flight, and its result is identical to an
 * uninterrupted run. A damaged batch (torn write, flipped bits) is logged and simulated again. A batch of another
 * campaign — another task, budget or key, such as another seed — is refused: the directory belongs to one campaign.
 * The budget is part of what is checked (its last batch is shorter): a campaign of another budget needs its own
 * directory.
 *
 * <p>Costs: {@link Phase#SIMULATION} gets the sum of the batches' wall and CPU times, each measured as it was simulated
 * and, for a resumed batch, as its file recorded it, so F counts every simulation paid for once, and a rerun of a
 * finished campaign reports what the campaign cost, not the time to read it. With several threads a batch records its
 * share (its time divided by the threads), an estimate; with one thread the sum is the simulation time itself.
 *
 * <p>Failures: rows with NaN or ±∞ in x are kept (trainers drop and count or refuse them) and counted, by the kinds a
 * {@link FailureReporting} simulator gives, else as {@link FailureCounts#NON_FINITE}.
 *
 * <p>{@code SimulationCampaign.Result r = SimulationCampaign.in(dir, "seed 7").run(task, 10_000, Rng.seeded(7), meter);}
 */
public final class SimulationCampaign {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SimulationCampaign.class);
    /** Simulations per batch: large enough to amortise the split, small enough that a crash loses little. */
    public static final int BATCH = 1000;

    private final Path directory;
    private final String key;
    private final int threads;

    private SimulationCampaign(Path directory, String key, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (key == null) {
            throw new IllegalArgumentException("a campaign key must not be null");
        }
        this.directory = directory;
        this.key = key;
        this.threads = threads;
    }

    /** A campaign held in memory only. */
    public static SimulationCampaign inMemory() {
        return new SimulationCampaign(null, "", 1);
    }

    /**
     * A campaign saving its batches in {@code directory}; {@code key} names what besides the task fixes the draws
     * (the seed, e.g. "seed 7") and is checked against every batch found.
     */
    public static SimulationCampaign in(Path directory, String key) {
        if (directory == null) {
            throw new IllegalArgumentException("a campaign directory must not be null; use inMemory()");
        }
        return new SimulationCampaign(directory, key, 1);
    }

    /** The same campaign on {@code n} threads, one batch each at a time; the result does not depend on it. */
    public SimulationCampaign withThreads(int n) {
        return new SimulationCampaign(directory, key, n);
    }

    /** Number of batches for {@code n} simulations. */
    public static int batches(int n) {
        return (n + BATCH - 1) / BATCH;
    }

    /**
     * The pairs of a campaign.
     *
     * @param theta   one row per simulation
     * @param x       the simulator's output for the same row; failed rows hold NaN
     * @param failures failed rows by kind
     * @param resumed batches loaded from the directory rather than simulated by this call
     */
    public record Result(double[][] theta, double[][] x, FailureCounts failures, int resumed) {
        public Result {
            if (theta == null || x == null || theta.length != x.length || failures == null || resumed < 0) {
                throw new IllegalArgumentException("a campaign result needs as many θ rows as x rows, failures and"
                        + " a count of resumed batches >= 0");
            }
        }
    }

    /** Runs (or resumes) {@code n} simulations; splits {@code rng} {@link #batches}{@code (n)} times. */
    @SuppressWarnings("try") // the timer only needs closing
    public Result run(Task task, int n, Rng rng, CostMeter meter) {
        if (n < 1) {
            throw new IllegalArgumentException("simulations must be >= 1, got " + n);
        }
        Rng[] generators = rng.split(batches(n));
        double[][] theta = new double[n][];
        double[][] x = new double[n][];
        FailureCounts[] failures = new FailureCounts[generators.length];
        Cost carried = Cost.ZERO;
        List<Integer> todo = new ArrayList<>();
        // the budget is part of the key: its last batch is shorter, and the fit's generator depends on it
        String fullKey = task.name() + ", " + n + " simulations\n" + key;
        for (int b = 0; b < generators.length; b++) {
            BatchFile.Batch saved = directory == null ? null : load(b, size(n, b), task, fullKey);
            if (saved == null) {
                todo.add(b);
                continue;
            }
            System.arraycopy(saved.theta(), 0, theta, b * BATCH, saved.theta().length);
            System.arraycopy(saved.x(), 0, x, b * BATCH, saved.x().length);
            failures[b] = saved.failures();
            carried = carried.plus(saved.cost());
        }
        if (!todo.isEmpty() && directory != null) {
            LOG.info("campaign in {}: {} of {} batches found, simulating {}", directory,
                    generators.length - todo.size(), generators.length, todo.size());
        }
        Cost[] costs = new Cost[generators.length];
        simulate(task, n, generators, todo, theta, x, failures, costs, fullKey);
        // the sum of the batches' own times, resumed or not, so that a rerun reports what the first run did
        Cost spent = carried;
        for (int b : todo) {
            spent = spent.plus(costs[b]);
        }
        meter.add(Phase.SIMULATION, spent);
        meter.countSimulations(Phase.SIMULATION, n);
        FailureCounts total = FailureCounts.NONE;
        for (FailureCounts f : failures) {
            total = total.plus(f);
        }
        return new Result(theta, x, total, generators.length - todo.size());
    }

    private static int size(int n, int b) {
        return Math.min(BATCH, n - b * BATCH);
    }

    private void simulate(Task task, int n, Rng[] generators, List<Integer> todo, double[][] theta, double[][] x,
                          FailureCounts[] failures, Cost[] costs, String fullKey) {
        int workers = Math.min(threads, todo.size());
        if (workers <= 1) {
            for (int b : todo) {
                runBatch(task, n, b, generators[b], theta, x, failures, costs, fullKey, 1);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "campaign");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int b : todo) {
                futures.add(pool.submit(() -> runBatch(task, n, b, generators[b], theta, x, failures, costs,
                        fullKey, workers)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation campaign interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("simulation campaign failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void runBatch(Task task, int n, int b, Rng g, double[][] theta, double[][] x, FailureCounts[] failures,
                          Cost[] costs, String fullKey, int workers) {
        BatchSimulation.Simulated s = BatchSimulation.simulate(task, b, size(n, b), g, workers);
        System.arraycopy(s.theta(), 0, theta, b * BATCH, s.theta().length);
        System.arraycopy(s.x(), 0, x, b * BATCH, s.x().length);
        failures[b] = s.failures();
        costs[b] = s.cost();
        if (directory != null) {
            try {
                BatchFile.write(file(b), new BatchFile.Batch(fullKey, b, s.theta(), s.x(), s.cost(), s.failures()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write batch " + b + " of the campaign to " + file(b), e);
            }
        }
    }

    /** Receives a {@link #stream}ed campaign's batches in order: row {@code first} onwards, θ and x. */
    @FunctionalInterface
    public interface BatchSink {
        void accept(int first, double[][] theta, double[][] x) throws IOException;
    }

    /**
     * Draws the pairs {@link #run} draws (the same generators, so the same rows), one batch at a time in order,
     * handing each to {@code sink} and keeping none: memory holds one batch whatever {@code n}. Nothing is saved or
     * resumed here and batches run on one thread; the sink does the storing. Returns the failures by kind.
     */
    public FailureCounts stream(Task task, int n, Rng rng, CostMeter meter, BatchSink sink) throws IOException {
        if (n < 1) {
            throw new IllegalArgumentException("simulations must be >= 1, got " + n);
        }
        Rng[] generators = rng.split(batches(n));
        FailureCounts total = FailureCounts.NONE;
        Cost spent = Cost.ZERO;
        for (int b = 0; b < generators.length; b++) {
            BatchSimulation.Simulated s = BatchSimulation.simulate(task, b, size(n, b), generators[b], 1);
            spent = spent.plus(s.cost());
            total = total.plus(s.failures());
            sink.accept(b * BATCH, s.theta(), s.x());
        }
        meter.add(Phase.SIMULATION, spent);
        meter.countSimulations(Phase.SIMULATION, n);
        return total;
    }

    private BatchFile.Batch load(int b, int rows, Task task, String fullKey) {
        Path file = file(b);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        BatchFile.Batch saved;
        try {
            saved = BatchFile.read(file, rows, task.parameterDim(), task.dataDim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (saved == null) {
            LOG.warn("{}: damaged (torn or altered); simulating batch {} again", file, b);
            return null;
        }
        if (!saved.key().equals(fullKey) || saved.index() != b) {
            throw new IllegalArgumentException(file + " holds batch " + saved.index() + " of a campaign of "
                    + Quoted.of(saved.key().replace('\n', ' ')) + ", but this run is batch " + b + " of "
                    + Quoted.of(fullKey.replace('\n', ' ')) + "; use another directory or delete it");
        }
        if (saved.theta() == null) {
            LOG.warn("{}: sizes differ from its header's campaign; simulating batch {} again", file, b);
            return null;
        }
        return saved;
    }

    private Path file(int b) {
        return directory.resolve(String.format(Locale.ROOT, "batch-%06d.bin", b));
    }

}
