package siebench.importance.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import siebench.core.CostMeter;
import siebench.data.Samples;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;

/**
 * Area Under the Margin of Pleiss, Zhang, Elenberg and Weinberger (2020), "Identifying Mislabeled Data using
 * the Area Under the Margin Ranking" (NeurIPS), adapted to a one-logit binary click model: the margin of a row
 * at epoch t is the logit of its assigned class minus the logit of the other class, which for the two-logit
 * view {@code (0, z)} is {@code (2y - 1) z_t}; AUM is the margin averaged over the checkpoint epochs (by
 * default every epoch), then over seeded runs. A low (negative) AUM means the model keeps pushing the row
 * towards the other class: a likely mislabeled row.
 *
 * <p><b>Sign:</b> the importance score is {@code -AUM}, so that, like the other hardness scores, higher =
 * more likely mislabeled; {@link siebench.importance.Importance#negate()} gives AUM itself.
 *
 * <p><b>Threshold samples.</b> The paper separates mislabeled from hard rows with "threshold samples": a
 * random subset assigned to an extra, fake class, whose AUM shows how a surely mislabeled row behaves; rows
 * whose AUM is below the 99th percentile of the threshold samples' AUM are flagged. A one-logit click model
 * has no room for an extra class, so {@link #fit} adapts the trick: it flips the labels of a random
 * {@link #thresholdSamples fraction} of rows (surely wrong labels), trains, and takes the percentile of their
 * AUM, separately for flipped-to-click and flipped-to-non-click rows (clicks being rare, the two behave
 * differently). As in the paper, it trains twice with disjoint threshold subsets so every row gets an AUM
 * from a run in which its own label was kept. The default percentile is the 50th, not the paper's 99th: the
 * paper's fake class can only be fit by memorization, so nearly all of its samples keep a low AUM, while a
 * flipped click label is as plausible as the original wherever the click probability is moderate (and rows
 * with identical features cannot be memorized apart), so the 99th percentile of flipped rows lies above
 * almost every row and flags everything. With the median, a row is flagged when its margin is at most that of
 * a typical surely-wrong label. {@link #thresholdPercentile} restores the paper's choice.
 */
public final class AreaUnderMargin extends DynamicsEstimator<AreaUnderMargin> {
  private final double thresholdFraction;
  private final double percentile;

  AreaUnderMargin(DynamicsSettings settings, double thresholdFraction, double percentile) {
    super(settings);
    this.thresholdFraction = thresholdFraction;
    this.percentile = percentile;
  }

  /** AUM over every epoch of one run; {@link #fit} with 5% threshold samples and the 50th percentile. */
  public static AreaUnderMargin defaults() {
    return new AreaUnderMargin(DynamicsSettings.defaults(), 0.05, 50);
  }

  /** The fraction of rows whose labels {@link #fit} flips per run to serve as threshold samples. */
  public AreaUnderMargin thresholdSamples(double fraction) {
    if (!(fraction > 0 && fraction <= 0.5)) {
      throw new IllegalArgumentException("thresholdSamples fraction must be in (0, 0.5], got " + fraction);
    }
    return new AreaUnderMargin(settings(), fraction, percentile);
  }

  /** The percentile of the threshold samples' AUM used as the threshold (default 50; the paper uses 99). */
  public AreaUnderMargin thresholdPercentile(double q) {
    if (!(q >= 0 && q <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100], got " + q);
    }
    return new AreaUnderMargin(settings(), thresholdFraction, q);
  }

  @Override
  protected AreaUnderMargin withSettings(DynamicsSettings s) {
    return new AreaUnderMargin(s, thresholdFraction, percentile);
  }

  /**
   * Trains twice with disjoint random subsets of {@link #thresholdSamples} rows relabeled (flipped), and
   * returns every row's AUM (from the run that kept its label; averaged when both did), the per-label
   * thresholds (the {@link #thresholdPercentile} of the flipped rows' AUM under their flipped label; the pooled
   * threshold samples when one label has none) and the flagged rows.
   */
  public AumResult fit(Samples train, EstimationContext context) {
    int n = train.size();
    // two disjoint subsets of m rows: at most n / 2 each, also when rounding half of an odd count up
    int m = Math.min((int) Math.round(thresholdFraction * n), n / 2);
    if (m < 1) {
      throw new IllegalArgumentException("aum: " + thresholdFraction + " of " + n
          + " rows gives no threshold samples; use more rows or a larger thresholdSamples fraction");
    }
    int[] perm = Samples.permutation(n, DynamicsSettings.seedOf(context.seed(), 1_000));
    try (CostMeter meter = CostMeter.sampling()) {
      FeatureEncoder encoder = TrainingDynamics.encoderFor(train);
      EncodedData data = encoder.encode(train);
      float[] y = data.labels();
      double[] sum = new double[n];
      int[] count = new int[n];
      List<List<Double>> thresholdAums = List.of(new ArrayList<>(), new ArrayList<>());
      for (int pass = 0; pass < 2; pass++) {
        boolean[] flipped = new boolean[n];
        float[] yf = y.clone();
        for (int j = pass * m; j < (pass + 1) * m; j++) {
          flipped[perm[j]] = true;
          yf[perm[j]] = 1 - y[perm[j]];
        }
        EncodedData relabeled = new EncodedData(data.layout(), n, data.cat(), data.dense(), yf, data.weights(),
            data.rowIds());
        MeanScorer margins = marginScorer(n);
        TrainingDynamics.run(name() + " (threshold run " + (pass + 1) + "/2)", encoder, relabeled, context,
            settings(), null, meter, margins.observer());
        double[] a = margins.scores();
        for (int i = 0; i < n; i++) {
          if (flipped[i]) {
            thresholdAums.get(yf[i] > 0.5 ? 1 : 0).add(a[i]);
          } else {
            sum[i] += a[i];
            count[i]++;
          }
        }
      }
      double[] aum = new double[n];
      for (int i = 0; i < n; i++) {
        aum[i] = sum[i] / count[i];
      }
      double[] pooled = new double[thresholdAums.get(0).size() + thresholdAums.get(1).size()];
      int k = 0;
      for (List<Double> l : thresholdAums) {
        for (double v : l) {
          pooled[k++] = v;
        }
      }
      double tClick = percentile(thresholdAums.get(1).isEmpty() ? pooled : toArray(thresholdAums.get(1)),
          percentile);
      double tNon = percentile(thresholdAums.get(0).isEmpty() ? pooled : toArray(thresholdAums.get(0)),
          percentile);
      Map<String, Object> params = new LinkedHashMap<>(reportParameters(context));
      return new AumResult(train.rowIds(), y, aum, tClick, tNon, params, Importance.Cost.of(meter));
    }
  }

  /** {@link #fit} with the default context. */
  public AumResult fit(Samples train) {
    return fit(train, EstimationContext.defaults());
  }

  private static double[] toArray(List<Double> l) {
    return l.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The {@code q}-th percentile of {@code values} with linear interpolation between closest ranks (position
   * {@code q / 100 * (k - 1)} in the sorted values, NumPy's default).
   */
  public static double percentile(double[] values, double q) {
    if (values.length == 0) {
      throw new IllegalArgumentException("percentile of no values");
    }
    double[] s = values.clone();
    Arrays.sort(s);
    double pos = q / 100 * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(s.length - 1, lo + 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }

  @Override
  public String name() {
    return "aum";
  }

  @Override
  protected Map<String, Object> ownParameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("score", "-AUM");
    m.put("thresholdSamples", thresholdFraction);
    m.put("thresholdPercentile", percentile);
    return m;
  }

  /** AUM of each row from its logit series {@code z[t]} and label: the mean of {@code (2y - 1) z[t]}. */
  public static double area(double[] logits, double y) {
    double s = 0;
    for (double z : logits) {
      s += DynamicsMath.margin(z, y);
    }
    return s / logits.length;
  }

  /**
   * Averages the margins {@code (2y - 1) z} (labels as given to the observer) over all checkpoints of all runs;
   * every run has the same number of checkpoints, so this is the mean over runs of the per-run AUM.
   */
  static MeanScorer marginScorer(int n) {
    return MeanScorer.ofLogits(n, DynamicsMath::margin);
  }

  @Override
  protected Scorer scorer(Samples train, EstimationContext context) {
    MeanScorer margins = marginScorer(train.size());
    return new Scorer() {
      @Override
      public TrainingDynamics.Observer observer() {
        return margins.observer();
      }

      @Override
      public double[] scores() {
        double[] aum = margins.scores();
        for (int i = 0; i < aum.length; i++) {
          aum[i] = -aum[i];
        }
        return aum;
      }
    };
  }
}
