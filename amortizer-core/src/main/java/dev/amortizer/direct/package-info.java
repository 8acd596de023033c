/** Direct inference: methods that answer one observation from scratch and report an answer at every budget. */
package dev.amortizer.direct;
