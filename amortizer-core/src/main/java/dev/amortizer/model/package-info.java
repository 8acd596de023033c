/** The versioned, checksummed model file: one zip holding a JSON manifest and the network weights. */
package dev.amortizer.model;
