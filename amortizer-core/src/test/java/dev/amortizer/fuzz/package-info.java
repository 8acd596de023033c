/** A seeded fuzzing harness for the file readers: byte mutations, bounded runs, allocation and deserialization checks. */
package dev.amortizer.fuzz;
