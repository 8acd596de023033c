/** Small dense networks in plain Java, forward and backward, for the flows and the C2ST classifier. */
package dev.amortizer.nn;
