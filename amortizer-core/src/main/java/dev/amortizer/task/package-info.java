/** What a user's model is: a prior, a simulator and, where tractable, a log-likelihood. */
package dev.amortizer.task;
