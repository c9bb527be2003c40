package siebench.importance.correction;

import java.util.Arrays;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.metrics.Metrics;

/**
 * A density ratio {@code r(x) = p_target(x) / q_train(x)} estimated by probabilistic classification: a
 * domain classifier (L2 {@link LogisticRegression} on the encoded features) learns
 * {@code P(target | x)}, and Bayes' rule gives {@code r(x) = P(target|x) / P(train|x) * n_train / n_target}.
 *
 * <p>References: Qin (1998), "Inferences for case-control and semiparametric two-sample density ratio
 * models", Biometrika 85; Bickel, Brückner &amp; Scheffer (2007), "Discriminative learning for differing
 * training and test distributions", ICML; Sugiyama, Suzuki &amp; Kanamori (2012), "Density Ratio Estimation
 * in Machine Learning", ch. 4 (probabilistic classification).
 *
 * <p>The feature encoder is fitted on the training ("proposal") rows only; categorical values that occur
 * only in the target fall into the out-of-vocabulary bucket, which no training row uses, so they do not
 * affect training-row ratios. With a log-linear true ratio (e.g. Gaussian mean shift with equal variances,
 * or any shift of a single categorical feature) the logistic model is well specified.
 */
public final class DensityRatio {
  private final FeatureEncoder encoder;
  private final LogisticRegression.Fitted classifier;
  private final double trainMass;
  private final int nTarget;
  private final double classifierAuc;

  private DensityRatio(FeatureEncoder encoder, LogisticRegression.Fitted classifier, double trainMass, int nTarget,
      double classifierAuc) {
    this.encoder = encoder;
    this.classifier = classifier;
    this.trainMass = trainMass;
    this.nTarget = nTarget;
    this.classifierAuc = classifierAuc;
  }

  /** Fits the domain classifier of {@code target} (class 1) against {@code train} (class 0). */
  public static DensityRatio fit(Samples train, Samples target, LogisticRegression fitter, Progress progress) {
    return fit(train, null, target, fitter, progress);
  }

  /**
   * Fits with per-row weights on the training rows (null = 1), used when the proposal is a reweighted
   * training set; the class-prior correction then uses the weight total instead of the row count.
   */
  static DensityRatio fit(Samples train, double[] trainWeights, Samples target, LogisticRegression fitter,
      Progress progress) {
    if (train.size() == 0 || target.size() == 0) {
      throw new IllegalArgumentException("density ratio needs rows on both sides; got " + train.describe()
          + " and target " + target.describe());
    }
    if (train.schema().features().isEmpty()) {
      throw new IllegalArgumentException("density ratio needs feature columns; " + train.describe() + " has none");
    }
    FeatureEncoder encoder = FeatureEncoder.fit(train);
    EncodedData q = Encodings.encode(encoder, train);
    EncodedData p = Encodings.encode(encoder, target);
    EncodedData both = Encodings.concat(q, p);
    int n = both.rows();
    double[] t = new double[n];
    double[] w = new double[n];
    Arrays.fill(t, q.rows(), n, 1);
    Arrays.fill(w, 1);
    double qMass = q.rows();
    if (trainWeights != null) {
      if (trainWeights.length != q.rows()) {
        throw new IllegalArgumentException(trainWeights.length + " weights for " + q.rows() + " training rows");
      }
      System.arraycopy(trainWeights, 0, w, 0, q.rows());
      qMass = Arrays.stream(trainWeights).sum();
    }
    LogisticRegression.Fitted c = fitter.fit(both, t, w, progress);
    double[] s = c.logits(both);
    float[] y = new float[n];
    Arrays.fill(y, q.rows(), n, 1f);
    double auc = Metrics.weightedAuc(y, s, w);
    return new DensityRatio(encoder, c, qMass, p.rows(), auc);
  }

  /** {@code r(x) = exp(logit(x)) * n_train / n_target} for every row of {@code samples}. */
  public double[] ratio(Samples samples) {
    double[] z = classifier.logits(Encodings.encode(encoder, samples));
    double prior = trainMass / nTarget;
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.exp(Math.min(z[i], 700)) * prior;
    }
    return z;
  }

  /** The log ratio {@code logit(x) + log(n_train / n_target)}. */
  public double[] logRatio(Samples samples) {
    double[] z = classifier.logits(Encodings.encode(encoder, samples));
    double prior = Math.log(trainMass / nTarget);
    for (int i = 0; i < z.length; i++) {
      z[i] += prior;
    }
    return z;
  }

  /**
   * AUC of the domain classifier on the rows it was fitted on: 0.5 means the two samples look alike (no
   * detectable covariate shift), values near 1 mean little overlap and high-variance weights.
   */
  public double classifierAuc() {
    return classifierAuc;
  }

  public LogisticRegression.Fitted classifier() {
    return classifier;
  }

  public FeatureEncoder encoder() {
    return encoder;
  }
}
