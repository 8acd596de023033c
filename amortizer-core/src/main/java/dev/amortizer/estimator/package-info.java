/** Which conditional density estimator NPE and NLE fit (an MDN or a flow), its architecture and training settings. */
package dev.amortizer.estimator;
