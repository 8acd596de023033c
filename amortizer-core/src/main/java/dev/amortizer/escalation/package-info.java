/** Per-query escalation: the amortised answer, corrected by importance sampling, then by warm-started MCMC when checks fail. */
package dev.amortizer.escalation;
