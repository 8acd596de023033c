/** The one training layer of every amortiser: data made ready, a schedule, trainers, their events, provenance. */
package dev.amortizer.training;
