package siebench.importance.valuation;

import siebench.core.CostMeter;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.model.ModelSpec;

/**
 * Stratified k-fold out-of-fold predictions: every row is predicted by a model that never saw it. Used by
 * confident learning, the cross-validated residual and noise reweighting.
 */
final class OutOfFold {
  private OutOfFold() {}

  /**
   * Out-of-fold P(y = 1) of every row of {@code train} (in its order) from an estimator's learner: the CTR
   * {@code model} trained as the context's task says, or else the Java logistic regression {@code lr}; the
   * fits and evaluations are counted on {@code meter}.
   */
  static double[] probabilities(Samples train, int k, ModelSpec model, LogisticRegression lr,
      EstimationContext context, CostMeter meter) {
    FeatureEncoder encoder = FeatureEncoder.fit(train);
    EncodedData tr = encoder.encode(train);
    ProbabilisticLearner l = Learners.choose(null, model, lr, context, encoder);
    double[] p = predict(l, tr, folds(tr.labels(), k, context.seed()), k, context.progress());
    meter.trainings(k);
    meter.evaluations(tr.rows());
    meter.sample();
    return p;
  }

  /**
   * Seeded stratified fold assignment: rows are shuffled with {@link Samples#permutation}, then the negatives
   * (in shuffled order) and then the positives are dealt round-robin to folds 0..k-1, so every fold gets the
   * same share of each label (within one row).
   */
  public static int[] folds(float[] labels, int k, long seed) {
    int n = labels.length;
    if (k < 2 || k > n) {
      throw new IllegalArgumentException("need 2 <= folds <= rows, got " + k + " folds for " + n + " rows");
    }
    int[] perm = Samples.permutation(n, seed);
    int[] fold = new int[n];
    int c = 0;
    for (int cls = 0; cls <= 1; cls++) {
      for (int p : perm) {
        if ((labels[p] > 0.5f ? 1 : 0) == cls) {
          fold[p] = c++ % k;
        }
      }
    }
    return fold;
  }

  /** Rows whose fold is {@code f} ({@code in = true}) or is not. */
  static int[] rows(int[] fold, int f, boolean in) {
    int c = 0;
    for (int v : fold) {
      if ((v == f) == in) {
        c++;
      }
    }
    int[] r = new int[c];
    c = 0;
    for (int i = 0; i < fold.length; i++) {
      if ((fold[i] == f) == in) {
        r[c++] = i;
      }
    }
    return r;
  }

  /** P(y = 1) of every row from the model fitted on the other folds. */
  public static double[] predict(ProbabilisticLearner learner, EncodedData data, int[] fold, int k,
      Progress progress) {
    double[] p = new double[data.rows()];
    for (int f = 0; f < k; f++) {
      progress.checkCancelled();
      int[] test = rows(fold, f, true);
      int[] train = rows(fold, f, false);
      double[] pf = learner.fitPredict(data, train, data.subset(test));
      for (int i = 0; i < test.length; i++) {
        p[test[i]] = pf[i];
      }
      progress.update("out-of-fold " + learner.name(), f + 1, k, "folds");
    }
    return p;
  }
}
