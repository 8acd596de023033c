package dev.amortizer.nn;

import java.lang.ref.Reference;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves the networks' {@code double[][]} rows into and out of ND4J in bulk, for {@link BlasProduct} and
 * {@link BlasGradient}. It goes through ND4J's NIO view of an array's memory: ND4J's own {@code double[]}
 * constructor copies element by element, which cost more than the product itself.
 *
 * <p>The arrays live in a per-thread ND4J workspace ({@link #scope()}) that every product reuses: a fresh off-heap
 * array of a megabyte cost more than a 512 × 128 × 128 dgemm (1.6 ms against 0.33 ms on the 2-core development
 * machine), page faults and all, and was freed only when the garbage collector got to it.
 */
final class NdArrays {
    private static final String WORKSPACE = "amortizer-dense";
    /** Grows to the largest product seen (spills reallocate it), reset at each scope: nothing outlives a product. */
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.2)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .build();

    private NdArrays() {
    }

    /**
     * Opens this thread's workspace: every array created until it is closed is carved from it, and is invalid after.
     * Copy results out ({@link #toRows}, {@link #addInto}) before closing.
     */
    static MemoryWorkspace scope() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, WORKSPACE);
    }

    /** A new rows × cols C-order array, its contents undefined. */
    static INDArray uninitialized(long rows, long cols) {
        return Nd4j.createUninitialized(DataType.DOUBLE, new long[] {rows, cols}, 'c');
    }

    /** The first {@code cols} columns of rows {@code from} until {@code to} of {@code x}, as a C-order matrix. */
    static INDArray rows(double[][] x, int from, int to, int cols) {
        int rows = to - from;
        INDArray a = uninitialized(rows, cols);
        DoubleBuffer view = view(a);
        for (int r = 0; r < rows; r++) {
            view.put(x[from + r], 0, cols);
        }
        Reference.reachabilityFence(a);
        return a;
    }

    /** W as an in × out C-order matrix. */
    static INDArray matrix(double[][] w, int cols) {
        return rows(w, 0, w.length, cols);
    }

    /** A 1 × length row vector holding {@code v}. */
    static INDArray rowVector(double[] v) {
        INDArray a = uninitialized(1, v.length);
        view(a).put(v);
        Reference.reachabilityFence(a);
        return a;
    }

    /** A matrix's rows as Java arrays. */
    static double[][] toRows(INDArray product) {
        INDArray y = contiguous(product);
        int rows = (int) y.rows();
        int cols = (int) y.columns();
        DoubleBuffer view = view(y);
        double[][] result = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            view.get(result[r]);
        }
        // The NIO view does not keep y alive: without this fence the JIT may let y be collected mid-loop, and
        // ND4J's deallocator then frees the memory being read (a SIGSEGV seen in DeepSets training).
        Reference.reachabilityFence(y);
        return result;
    }

    /** dst[r][c] += a[r][c] for every entry of the C-order matrix {@code a}; dst has at least a's rows and columns. */
    static void addInto(INDArray product, double[][] dst) {
        INDArray a = contiguous(product);
        int rows = (int) a.rows();
        int cols = (int) a.columns();
        DoubleBuffer view = view(a);
        double[] row = new double[cols];
        for (int r = 0; r < rows; r++) {
            double[] d = dst[r];
            view.get(row);
            for (int c = 0; c < cols; c++) {
                d[c] += row[c];
            }
        }
        Reference.reachabilityFence(a);
    }

    /** {@code a} itself when its memory is one C-order block, which a bulk read needs; otherwise a C-order copy. */
    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
    }

    /** A view of {@code a}'s memory that does not keep {@code a} alive: fence {@code a} until the view is done. */
    private static DoubleBuffer view(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }
}
