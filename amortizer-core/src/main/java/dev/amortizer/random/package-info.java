/** Seeded, splittable random generators: the only source of randomness in Amortizer. */
package dev.amortizer.random;
