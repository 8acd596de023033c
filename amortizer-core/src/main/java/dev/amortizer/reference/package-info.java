/** Reference-posterior samplers that are exact by construction: defensive-mixture proposals and rejection. */
package dev.amortizer.reference;
