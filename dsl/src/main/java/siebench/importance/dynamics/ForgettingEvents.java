package siebench.importance.dynamics;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.data.Samples;
import siebench.importance.EstimationContext;

/**
 * Forgetting events of Toneva, Sordoni, Combes, Trischler, Bengio and Gordon (2019), "An Empirical Study of
 * Example Forgetting during Deep Neural Network Learning" (ICLR): the number of times a row goes from
 * correctly to incorrectly classified during training; rows never classified correctly get the maximal count
 * (see {@link ForgettingCounter#scores()}). Averaged over seeded runs.
 *
 * <p>Two ways to sample correctness. {@link #perStep()} is the paper's: at every minibatch step, each row of
 * the batch is classified by the logits of the step's own forward pass (its presentation, before the update),
 * through the training loop's {@link siebench.train.StepListener} hook; a forgetting event is a row correct at
 * its previous presentation and wrong at this one. This needs no extra model evaluation (the loop reads the
 * batch's logits back, one device synchronization per step). {@link #perEpoch()} (the default) evaluates all
 * training rows after every checkpoint epoch with the model in its end-of-epoch state ({@code n} forward
 * evaluations per checkpoint). Each row is presented once per epoch, so either way a row has E observations in
 * an E-epoch run and at most {@code floor(E / 2)} events: with the default 3 epochs the counts are nearly
 * degenerate (0 or 1, or "never learned"); use more {@code .epochs(...)} for a finer ranking. A row is correct when the predicted class ({@code p >= threshold}) equals its label. The
 * default threshold is 0.5 as in the paper; since clicks are rare, 0.5 leaves most clicks never learned, so
 * {@link #baseRateThreshold()} uses the training click rate instead (a prediction above the base rate then
 * counts as "click").
 *
 * <p><b>Sign:</b> higher = more forgetting = harder / more likely mislabeled; "unforgettable" rows score 0.
 */
public final class ForgettingEvents extends DynamicsEstimator<ForgettingEvents> {
  private final double threshold;
  private final boolean perStep;

  ForgettingEvents(DynamicsSettings settings, double threshold) {
    this(settings, threshold, false);
  }

  ForgettingEvents(DynamicsSettings settings, double threshold, boolean perStep) {
    super(settings);
    this.threshold = threshold;
    this.perStep = perStep;
  }

  /**
   * Counts forgetting events per minibatch presentation (Toneva et al.), from the logits of each training step's
   * forward pass; the checkpoints are ignored (every step of every epoch is observed).
   */
  public ForgettingEvents perStep() {
    return new ForgettingEvents(settings(), threshold, true);
  }

  /** Counts forgetting events between evaluations of all rows after each checkpoint epoch (the default). */
  public ForgettingEvents perEpoch() {
    return new ForgettingEvents(settings(), threshold, false);
  }

  public boolean isPerStep() {
    return perStep;
  }

  /** Forgetting events at threshold 0.5 after every epoch of one run. */
  public static ForgettingEvents defaults() {
    return new ForgettingEvents(DynamicsSettings.defaults(), 0.5);
  }

  /** Classifies a row as a click when {@code p >= t}, {@code 0 < t < 1}. */
  public ForgettingEvents threshold(double t) {
    if (!(t > 0 && t < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), got " + t);
    }
    return new ForgettingEvents(settings(), t, perStep);
  }

  /** Uses the training click rate as the classification threshold. */
  public ForgettingEvents baseRateThreshold() {
    return new ForgettingEvents(settings(), Double.NaN, perStep);
  }

  @Override
  protected ForgettingEvents withSettings(DynamicsSettings s) {
    return new ForgettingEvents(s, threshold, perStep);
  }

  @Override
  public String name() {
    return "forgetting";
  }

  @Override
  protected Map<String, Object> ownParameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", Double.isNaN(threshold) ? "base-rate" : threshold);
    m.put("sampling", perStep ? "per-step" : "per-epoch");
    return m;
  }

  /** The threshold used on {@code train}: the configured one or the click rate. */
  double thresholdFor(Samples train) {
    if (!Double.isNaN(threshold)) {
      return threshold;
    }
    double s = 0;
    for (float v : train.labels()) {
      s += v;
    }
    double rate = s / Math.max(1, train.size());
    if (rate <= 0 || rate >= 1) {
      throw new IllegalArgumentException("base-rate threshold needs both clicks and non-clicks; click rate is "
          + rate + " in " + train.describe());
    }
    return rate;
  }

  @Override
  protected Scorer scorer(Samples train, EstimationContext context) {
    double t = thresholdFor(train);
    int n = train.size();
    return new Scorer() {
      final double[] sum = new double[n];
      ForgettingCounter counter;
      int currentRun = -1;
      int runs;

      /** Starts a fresh counter when a new run begins. */
      private ForgettingCounter counterFor(int run) {
        if (run != currentRun) {
          flush();
          counter = new ForgettingCounter(n);
          currentRun = run;
        }
        return counter;
      }

      @Override
      public TrainingDynamics.StepObserver stepObserver() {
        if (!perStep) {
          return null;
        }
        float[] y = train.labels();
        return (run, epoch, step, rows, logits) -> {
          ForgettingCounter c = counterFor(run);
          for (int k = 0; k < rows.length; k++) {
            c.observe(rows[k], DynamicsMath.correct(logits[k], y[rows[k]], t));
          }
        };
      }

      @Override
      public TrainingDynamics.Observer observer() {
        return (run, epoch, model, data) -> {
          if (perStep) {
            return 0; // no extra evaluation: the step observer sees every presentation
          }
          if (run != currentRun) {
            flush();
            counter = new ForgettingCounter(n);
            currentRun = run;
          }
          double[] z = model.logits(data);
          float[] y = data.labels();
          boolean[] correct = new boolean[n];
          for (int i = 0; i < n; i++) {
            correct[i] = DynamicsMath.correct(z[i], y[i], t);
          }
          counter.observe(correct);
          return n;
        };
      }

      private void flush() {
        if (counter != null) {
          double[] s = counter.scores();
          for (int i = 0; i < n; i++) {
            sum[i] += s[i];
          }
          runs++;
          counter = null;
        }
      }

      @Override
      public double[] scores() {
        flush();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
          out[i] = sum[i] / Math.max(1, runs);
        }
        return out;
      }
    };
  }
}
