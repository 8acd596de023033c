package dev.amortizer.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ObjectInputFilter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a file reader on mutated inputs for a bounded time and asserts the contract of untrusted input: the only
 * exceptions that escape are the documented ones (IllegalArgumentException, and whatever else the caller allows,
 * such as NoSuchFileException), no call allocates more than a stated cap (measured per thread with
 * {@code com.sun.management.ThreadMXBean}), and nothing is deserialized with Java serialization (a serial filter
 * counts and rejects any attempt made on the fuzzing thread; other threads are left alone). Cases are numbered
 * and each has its own seed, so a failure names what reproduces it.
 *
 * <p>{@code FuzzHarness.run("csv", seeds, 1, Duration.ofSeconds(2), 64 << 20, Set.of(), SamplesCsv::read);}
 */
public final class FuzzHarness {
    /** A reader under test, given one mutated input. */
    @FunctionalInterface
    public interface Target {
        void accept(byte[] input) throws Exception;
    }

    /** What a run did. */
    public record Report(int cases, int refused, long maxAllocatedBytes) {
    }

    private static final ThreadLocal<Boolean> FUZZING = ThreadLocal.withInitial(() -> false);
    private static final AtomicLong DESERIALIZATIONS = new AtomicLong();
    private static final boolean FILTER_INSTALLED = installFilter();

    private FuzzHarness() {
    }

    /**
     * Mutates the seeds case after case until {@code budget} has passed (at least 20 cases), running {@code target}
     * on each, and checks the contract above.
     *
     * @param allowed exceptions besides IllegalArgumentException that the reader documents
     */
    public static Report run(String name, List<byte[]> seeds, long seed, Duration budget, long allocationCap,
                             Set<Class<? extends Throwable>> allowed, Target target) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + budget.toNanos();
        int cases = 0;
        int refused = 0;
        long maxAllocated = 0;
        while (cases < 20 || System.nanoTime() < deadline) {
            long caseSeed = seed * 1_000_003L + cases;
            byte[] input = new ByteMutator(caseSeed).mutate(seeds.get(cases % seeds.size()));
            long deserializedBefore = DESERIALIZATIONS.get();
            long before = threads.getCurrentThreadAllocatedBytes();
            FUZZING.set(true);
            try {
                target.accept(input);
            } catch (IllegalArgumentException e) {
                refused++;
            } catch (Throwable t) {
                if (allowed.stream().noneMatch(a -> a.isInstance(t))) {
                    throw new AssertionError(name + " case " + cases + " (ByteMutator seed " + caseSeed
                            + ", seed file " + cases % seeds.size() + ") let " + t + " escape; input starts "
                            + preview(input), t);
                }
                refused++;
            } finally {
                FUZZING.set(false);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            maxAllocated = Math.max(maxAllocated, allocated);
            if (allocated > allocationCap) {
                fail(name + " case " + cases + " (ByteMutator seed " + caseSeed + ") allocated " + allocated
                        + " bytes, over the cap of " + allocationCap + " for an input of " + input.length + " bytes");
            }
            if (DESERIALIZATIONS.get() != deserializedBefore) {
                fail(name + " case " + cases + " (ByteMutator seed " + caseSeed + ") tried Java deserialization");
            }
            cases++;
        }
        assertThat(FILTER_INSTALLED || DESERIALIZATIONS.get() == 0).isTrue();
        System.out.printf("fuzz %s: %d cases, %d refused as bad input, at most %.1f MiB allocated by one call%s%n",
                name, cases, refused, maxAllocated / 1048576.0, FILTER_INSTALLED ? "" : " (deserialization unchecked)");
        return new Report(cases, refused, maxAllocated);
    }

    /** Whether the deserialization check is active (false if another JVM-wide filter factory came first). */
    public static boolean deserializationCheckActive() {
        return FILTER_INSTALLED;
    }

    private static boolean installFilter() {
        try {
            ObjectInputFilter.Config.setSerialFilterFactory((current, requested) -> info -> {
                if (FUZZING.get()) {
                    DESERIALIZATIONS.incrementAndGet();
                    return ObjectInputFilter.Status.REJECTED;
                }
                ObjectInputFilter delegate = requested != null ? requested : current;
                return delegate == null ? ObjectInputFilter.Status.UNDECIDED : delegate.checkInput(info);
            });
            return true;
        } catch (IllegalStateException e) {
            return false; // a factory was set already: the JVM allows one
        }
    }

    private static String preview(byte[] input) {
        String text = new String(input, 0, Math.min(input.length, 120), StandardCharsets.ISO_8859_1);
        return dev.amortizer.data.Quoted.of(text) + " (" + input.length + " bytes)";
    }
}
