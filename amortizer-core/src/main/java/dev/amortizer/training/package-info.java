/** The one training layer of every amortiser: simulations made ready, a schedule, trainers, their events and provenance. */
package dev.amortizer.training;
