/** Posteriors: anything that draws θ ~ p(θ | x_o) for an observation. */
package dev.amortizer.posterior;
