/** Simulation campaigns: (θ, x) pairs simulated in seeded batches, saved as they complete, resumable. */
package dev.amortizer.campaign;
