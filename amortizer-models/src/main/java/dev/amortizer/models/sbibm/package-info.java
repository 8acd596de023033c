/** Reads sbibm's observations and reference posteriors in place from ../shared/sbibm. */
package dev.amortizer.models.sbibm;
