/** Reliability of importance sampling: effective sample size of weights and the Pareto-k̂ of their tail. */
package dev.amortizer.diagnostics.importance;
