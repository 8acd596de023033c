/** What every amortiser shares: trained once on simulations, then answering any observation (NPE, NLE, NRE, point estimators). */
package dev.amortizer.amortiser;
