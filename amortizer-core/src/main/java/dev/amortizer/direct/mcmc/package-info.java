/** MCMC kernels of one shape, {@code init(position)} and {@code step(rng, state) -> (state, info)}, and their parts. */
package dev.amortizer.direct.mcmc;
