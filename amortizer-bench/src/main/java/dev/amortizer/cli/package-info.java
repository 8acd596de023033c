/** The {@code amortizer} command line: one class per command, exit codes 0 / 1 (internal) / 2 (bad usage or input). */
package dev.amortizer.cli;
