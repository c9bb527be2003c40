package siebench.importance.valuation;

import java.util.Arrays;
import java.util.Map;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;

/**
 * Where the validation rows of a valuation come from. With a validation set (from {@code
 * EstimationContext.validation()}) every training row is valued against it. Without one, the training rows
 * are split by a seeded permutation into two halves A and B; the rows of A are valued as a training set of
 * size |A| against B as validation, and then B against A ("two-fold cross-valuation"), so that every row gets
 * a value and no row is valued against itself. Values from the two halves are on the same scale because the
 * halves have (nearly) the same size, but each is a value within a training set of half the size.
 */
final class CrossValuation {
  private CrossValuation() {}

  /**
   * What a valuation values: the training rows and the context's validation rows (null without), encoded by
   * {@code encoder}, which was fitted on the training rows (or comes from a given model).
   */
  record Rows(FeatureEncoder encoder, EncodedData train, EncodedData validation) {
    /** Encodes {@code train} and the context's validation samples with {@code encoder}. */
    static Rows encode(FeatureEncoder encoder, Samples train, EstimationContext context) {
      return new Rows(encoder, encoder.encode(train),
          context.hasValidation() ? encoder.encode(context.validation()) : null);
    }

    /** Encodes with an encoder fitted on {@code train}. */
    static Rows encode(Samples train, EstimationContext context) {
      return encode(FeatureEncoder.fit(train), train, context);
    }

    /** {@code parameters} with where the validation rows came from ({@link CrossValuation#describe}). */
    Map<String, Object> describeInto(Map<String, Object> parameters) {
      parameters.put("validation", describe(validation));
      return parameters;
    }

    /** Training-set sizes of the folds ({@link CrossValuation#foldSizes}). */
    int[] foldSizes() {
      return CrossValuation.foldSizes(train.rows(), validation != null);
    }

    /** " fold" or "s of two-fold cross-valuation", to follow a fold count in a cost plan. */
    String foldsText() {
      return validation == null ? "s of two-fold cross-valuation" : "";
    }

    /** {@link CrossValuation#run} on these rows. */
    double[] run(long seed, FoldValuer valuer) {
      return CrossValuation.run(train, validation, seed, valuer);
    }
  }

  /** Values for the rows of one training set against one validation set. */
  @FunctionalInterface
  interface FoldValuer {
    double[] values(int[] trainRows, EncodedData train, EncodedData validation);
  }

  /** Runs {@code valuer} once (with validation) or twice (cross-valuation); returns values in train row order. */
  static double[] run(EncodedData train, EncodedData validationOrNull, long seed, FoldValuer valuer) {
    int n = train.rows();
    if (validationOrNull != null) {
      int[] all = identity(n);
      return valuer.values(all, train, validationOrNull);
    }
    if (n < 4) {
      throw new IllegalArgumentException("cross-valuation without a validation set needs at least 4 training rows, got "
          + n + "; pass validation samples with EstimationContext.validation(...)");
    }
    int[] perm = Samples.permutation(n, seed ^ 0x5DEECE66DL);
    int[] a = Arrays.copyOfRange(perm, 0, n / 2);
    int[] b = Arrays.copyOfRange(perm, n / 2, n);
    Arrays.sort(a);
    Arrays.sort(b);
    double[] out = new double[n];
    EncodedData ta = train.subset(a);
    EncodedData tb = train.subset(b);
    double[] va = valuer.values(a, ta, tb);
    double[] vb = valuer.values(b, tb, ta);
    for (int i = 0; i < a.length; i++) {
      out[a[i]] = va[i];
    }
    for (int i = 0; i < b.length; i++) {
      out[b[i]] = vb[i];
    }
    return out;
  }

  /** Training-set sizes of the folds {@link #run} values: all rows with a validation set, else the two halves. */
  static int[] foldSizes(int n, boolean hasValidation) {
    return hasValidation ? new int[] {n} : new int[] {n / 2, n - n / 2};
  }

  static int[] identity(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  /** Parameter text describing where validation rows came from. */
  static String describe(EncodedData validationOrNull) {
    return validationOrNull == null ? "two-fold cross-valuation (no validation set)"
        : "validation set (" + validationOrNull.rows() + " rows)";
  }
}
