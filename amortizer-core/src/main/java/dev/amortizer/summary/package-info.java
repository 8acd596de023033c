/** Summary networks that learn statistics s(x) of raw data (DeepSets for i.i.d. sets, 1-D convolutions for series). */
package dev.amortizer.summary;
