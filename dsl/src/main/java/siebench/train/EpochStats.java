package siebench.train;

/** One row of the training history. Validation figures are NaN when there is no validation set. */
public record EpochStats(int epoch, double trainLoss, double validationAuc, double validationLogLoss,
    double seconds) {}
