/** Calibration of any posterior on held-out simulations: SBC ranks, HPD coverage, TARP, z-scores and contraction. */
package dev.amortizer.diagnostics.calibration;
