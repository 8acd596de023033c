/** Checks of one observation's answer without a reference: is x_o typical of the simulations, Pareto-k̂, posterior predictive. */
package dev.amortizer.diagnostics.observation;
