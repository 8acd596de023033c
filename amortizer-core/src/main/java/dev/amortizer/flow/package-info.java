/** Conditional normalising flows (MAF, neural spline, affine coupling) on plain-Java networks: density, sampling and training gradients. */
package dev.amortizer.flow;
