/** MCMC convergence diagnostics as Stan defines them: rank-normalised split R-hat, bulk and tail effective sample size. */
package dev.amortizer.diagnostics.convergence;
