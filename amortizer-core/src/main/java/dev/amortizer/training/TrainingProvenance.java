package dev.amortizer.training;

import dev.amortizer.campaign.SimulationSource;

/**
 * Where a trained network of any amortiser came from: the training layer's record, saved in every model file.
 *
 * @param seed               the seed of the network's initial weights, drawn from the caller's Rng
 * @param simulations        (θ, x) pairs offered for training, invalid ones included
 * @param invalidSimulations pairs dropped because θ or x held NaN or an infinity
 * @param epochs             epochs run before early stopping (or the cap)
 * @param bestEpoch          the epoch whose weights were kept (1-based)
 * @param validationLoss     the held-out loss at {@code bestEpoch}; for NPE the mean −log q(θ | x) in θ's own units: a
 *                           bijection's log-det is included; under truncation q is not renormalised to the
 *                           prior's support, so the value is an upper bound (earlier 0.1.0-SNAPSHOT files hold a
 *                           bijection model's loss in u's units)
 * @param libraryVersion     the Amortizer version that trained the model
 * @param source             where the pairs came from and why some failed; null where unknown (model files before
 *                           it was recorded, and kinds other than npe)
 * @param selection          how this model was chosen among candidates by a held-out criterion; null where it was not
 *                           (one candidate, or the default's lowest validation loss)
 */
public record TrainingProvenance(long seed, int simulations, int invalidSimulations, int epochs, int bestEpoch,
                                 double validationLoss, String libraryVersion, SimulationSource source,
                                 CandidateSelection selection) {
    /** Provenance with no record of the pairs' source. */
    public TrainingProvenance(long seed, int simulations, int invalidSimulations, int epochs, int bestEpoch,
                              double validationLoss, String libraryVersion) {
        this(seed, simulations, invalidSimulations, epochs, bestEpoch, validationLoss, libraryVersion, null, null);
    }

    /** Provenance with the pairs' source and no selection record. */
    public TrainingProvenance(long seed, int simulations, int invalidSimulations, int epochs, int bestEpoch,
                              double validationLoss, String libraryVersion, SimulationSource source) {
        this(seed, simulations, invalidSimulations, epochs, bestEpoch, validationLoss, libraryVersion, source, null);
    }

    /** The same provenance with the pairs' source. */
    public TrainingProvenance withSource(SimulationSource s) {
        return new TrainingProvenance(seed, simulations, invalidSimulations, epochs, bestEpoch, validationLoss,
                libraryVersion, s, selection);
    }

    /** The same provenance recording how the model was chosen among candidates. */
    public TrainingProvenance withSelection(CandidateSelection s) {
        return new TrainingProvenance(seed, simulations, invalidSimulations, epochs, bestEpoch, validationLoss,
                libraryVersion, source, s);
    }

    public TrainingProvenance {
        if (simulations < 0 || invalidSimulations < 0 || invalidSimulations > simulations) {
            throw new IllegalArgumentException("simulations " + simulations + ", invalid " + invalidSimulations
                    + ": expected 0 <= invalid <= simulations");
        }
        if (epochs < 0 || bestEpoch < 0 || bestEpoch > epochs) {
            throw new IllegalArgumentException("epochs " + epochs + ", best epoch " + bestEpoch
                    + ": expected 0 <= best <= epochs");
        }
        if (libraryVersion == null || libraryVersion.isBlank()) {
            throw new IllegalArgumentException("libraryVersion must be non-blank, got '" + libraryVersion + "'");
        }
    }

    /** This library's version from its jar's manifest; "unknown" when run from classes (tests, an IDE). */
    public static String currentLibraryVersion() {
        String version = TrainingProvenance.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "unknown" : version;
    }
}
