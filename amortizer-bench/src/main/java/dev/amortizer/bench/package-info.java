/** The break-even benchmark: amortised versus direct inference at matched accuracy, and its reports. */
package dev.amortizer.bench;
