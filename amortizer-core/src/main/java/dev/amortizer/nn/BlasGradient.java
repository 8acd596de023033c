package dev.amortizer.nn;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense layer's backward pass through ND4J's BLAS: ∂L/∂W = Xᵀ·G and ∂L/∂x = G·Wᵀ, each one dgemm on the whole
 * batch (G = ∂L/∂y), with the transposes left to BLAS rather than copied. What {@link DenseLayer#backward} does in
 * plain Java, for the batches where two gemms beat the row kernels ({@link ComputeBackend}); the sums run in
 * another order, so the two agree to rounding, not bit for bit.
 */
final class BlasGradient {
    private BlasGradient() {
    }

    /**
     * Adds Xᵀ·G into the first {@code w.length} rows of {@code gradW} for X the {@code gy.length} rows of {@code x}
     * from {@code from}; returns G·Wᵀ, or null unless {@code needInput}.
     */
    static double[][] backward(double[][] x, int from, double[][] gy, double[][] w, double[][] gradW,
                               boolean needInput) {
        int rows = gy.length;
        int in = w.length;
        int out = gy[0].length;
        try (MemoryWorkspace ignored = NdArrays.scope()) {
            INDArray g = NdArrays.rows(gy, 0, rows, out);
            INDArray xs = NdArrays.rows(x, from, from + rows, in);
            INDArray dw = NdArrays.uninitialized(in, out);
            Nd4j.gemm(xs, g, dw, true, false, 1.0, 0.0);
            NdArrays.addInto(dw, gradW);
            if (!needInput) {
                return null;
            }
            INDArray gx = NdArrays.uninitialized(rows, in);
            Nd4j.gemm(g, NdArrays.matrix(w, out), gx, false, true, 1.0, 0.0);
            return NdArrays.toRows(gx);
        }
    }
}
