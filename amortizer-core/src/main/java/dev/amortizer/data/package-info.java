/** Sample matrices and their CSV / CSV.gz files in sbibm's layout. */
package dev.amortizer.data;
