/** One cost meter for amortised and direct inference: phases, units, ledgers. */
package dev.amortizer.cost;
