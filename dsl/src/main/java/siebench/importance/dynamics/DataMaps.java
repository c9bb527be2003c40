package siebench.importance.dynamics;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;

/**
 * Dataset Cartography of Swayamdipta, Schwartz, Lourie, Wang, Hajishirzi, Smith and Choi (2020), "Dataset
 * Cartography: Mapping and Diagnosing Datasets with Training Dynamics" (EMNLP): after every checkpoint epoch
 * of each seeded run, records the probability the model gives to each row's label; {@link #fit} returns the
 * per-row confidence (mean), variability (population standard deviation) and correctness (fraction with
 * {@code p >= threshold} matching the label), pooled over all epochs and runs, as a {@link DataMap} with a
 * table and a scatter plot.
 *
 * <p><b>Sign:</b> the importance score is {@code 1 - confidence}: higher = harder to learn / more likely
 * mislabeled (the paper's "hard-to-learn" region is where label errors concentrate).
 */
public final class DataMaps extends DynamicsEstimator<DataMaps> {
  private final double threshold;

  DataMaps(DynamicsSettings settings, double threshold) {
    super(settings);
    this.threshold = threshold;
  }

  /** Data maps over every epoch of one run, correctness at threshold 0.5. */
  public static DataMaps defaults() {
    return new DataMaps(DynamicsSettings.defaults(), 0.5);
  }

  /** Classifies a row as a click when {@code p >= t} for the correctness statistic. */
  public DataMaps threshold(double t) {
    if (!(t > 0 && t < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), got " + t);
    }
    return new DataMaps(settings(), t);
  }

  @Override
  protected DataMaps withSettings(DynamicsSettings s) {
    return new DataMaps(s, threshold);
  }

  @Override
  public String name() {
    return "datamaps";
  }

  @Override
  protected Map<String, Object> ownParameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", threshold);
    m.put("score", "1 - confidence");
    return m;
  }

  /** Trains and returns the full data map of {@code train}. */
  public DataMap fit(Samples train, EstimationContext context) {
    Observed o = observe(train, context);
    Cartographer c = (Cartographer) o.scorer();
    return new DataMap(train.rowIds(), train.labels(), c.confidence(), c.variability(), c.correctness(),
        reportParameters(context), o.cost());
  }

  /** The data map with the default context. */
  public DataMap fit(Samples train) {
    return fit(train, EstimationContext.defaults());
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    return fit(train, context).importance();
  }

  @Override
  protected Scorer scorer(Samples train, EstimationContext context) {
    return new Cartographer(train.size(), threshold);
  }

  /** Welford running mean and variance of the true-label probability, plus a correctness count, per row. */
  static final class Cartographer implements Scorer {
    private final double threshold;
    private final double[] mean;
    private final double[] m2;
    private final int[] correct;
    private int count;

    Cartographer(int n, double threshold) {
      this.threshold = threshold;
      mean = new double[n];
      m2 = new double[n];
      correct = new int[n];
    }

    /** Adds one observation: logits {@code z} of every row and their labels. */
    void add(double[] z, float[] y) {
      count++;
      for (int i = 0; i < z.length; i++) {
        double p = DynamicsMath.trueClassProbability(z[i], y[i]);
        double delta = p - mean[i];
        mean[i] += delta / count;
        m2[i] += delta * (p - mean[i]);
        if (DynamicsMath.correct(z[i], y[i], threshold)) {
          correct[i]++;
        }
      }
    }

    @Override
    public TrainingDynamics.Observer observer() {
      return (run, epoch, model, data) -> {
        add(model.logits(data), data.labels());
        return data.rows();
      };
    }

    double[] confidence() {
      requireObservations();
      return mean.clone();
    }

    double[] variability() {
      requireObservations();
      double[] out = new double[m2.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.sqrt(Math.max(0, m2[i]) / count);
      }
      return out;
    }

    double[] correctness() {
      requireObservations();
      double[] out = new double[correct.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = correct[i] / (double) count;
      }
      return out;
    }

    private void requireObservations() {
      if (count == 0) {
        throw new IllegalStateException("no checkpoint was observed");
      }
    }

    @Override
    public double[] scores() {
      double[] c = confidence();
      for (int i = 0; i < c.length; i++) {
        c[i] = 1 - c[i];
      }
      return c;
    }
  }
}
