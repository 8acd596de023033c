/** The break-even report's files: report.json, report.md, the measurements CSV, the plots and the HTML page. */
package dev.amortizer.bench.report;
