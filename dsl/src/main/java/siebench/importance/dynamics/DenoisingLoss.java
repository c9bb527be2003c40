package siebench.importance.dynamics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import siebench.train.LossModifier;

/**
 * The two adaptive denoising losses of Wang, Feng, He, Nie and Chua (2021), "Denoising Implicit Feedback for
 * Recommendation" (WSDM), as a {@link LossModifier} for {@code ctr().lossModifier(...)}. Noisy implicit
 * feedback shows up as positive interactions (clicks) with large loss, so:
 *
 * <ul>
 *   <li><b>Truncated loss (T-CE)</b>: in every batch, the positives with the largest loss get weight 0. The
 *       drop rate grows linearly with the optimizer step {@code T}, {@code eps(T) = min(alpha T, eps_max)}
 *       with {@code alpha = eps_max / rampSteps}. The rate is taken relative to the batch's positives: the
 *       {@code floor(eps(T) * #positives)} largest-loss positives are dropped (with rare clicks, a rate over
 *       the whole batch could drop every click). Negatives always keep weight 1.
 *   <li><b>Reweighted loss (R-CE)</b>: a positive's loss is multiplied by {@code p^beta}, its predicted click
 *       probability (a detached constant) to the power {@code beta}, so hard positives count less; since
 *       {@code bce = -log p} for a positive, the weight is {@code exp(-beta * bce)}. Negatives keep weight 1.
 * </ul>
 *
 * <p>The authors' released code (github.com/WenjieWWJ/DenoisingRec, {@code T_CE/loss.py}, {@code R_CE/loss.py})
 * differs in two details, available as {@link #truncatedOverBatch} and {@link #reweightedBothSides}: T-CE
 * drops {@code B - int((1 - eps(T)) * B)} rows of the batch of size {@code B} (all of them positives, the largest-loss
 * ones, since negatives sort first), and R-CE also weights negatives, by {@code (1 - p)^beta}, i.e. every row by
 * {@code exp(-beta * bce)}.
 *
 * Immutable.
 */
public final class DenoisingLoss implements LossModifier {
  /** Which denoising loss. */
  public enum Mode {
    /** T-CE: drop the largest-loss positives. */
    TRUNCATED,
    /** R-CE: weight positives by {@code p^beta}. */
    REWEIGHTED
  }

  private final Mode mode;
  private final double maxDropRate;
  private final long rampSteps;
  private final double beta;
  private final boolean released;

  private DenoisingLoss(Mode mode, double maxDropRate, long rampSteps, double beta) {
    this(mode, maxDropRate, rampSteps, beta, false);
  }

  private DenoisingLoss(Mode mode, double maxDropRate, long rampSteps, double beta, boolean released) {
    this.mode = mode;
    this.maxDropRate = maxDropRate;
    this.rampSteps = rampSteps;
    this.beta = beta;
    this.released = released;
  }

  /**
   * T-CE as in the authors' released code: the drop rate counts rows of the whole batch, the {@code B - int((1 -
   * eps(T)) * B)} largest-loss positives are dropped (at most all positives; negatives are never dropped).
   */
  public static DenoisingLoss truncatedOverBatch(double maxDropRate, long rampSteps) {
    truncated(maxDropRate, rampSteps);
    return new DenoisingLoss(Mode.TRUNCATED, maxDropRate, rampSteps, 0, true);
  }

  /** R-CE as in the authors' released code: positives weighted {@code p^beta}, negatives {@code (1-p)^beta}. */
  public static DenoisingLoss reweightedBothSides(double beta) {
    reweighted(beta);
    return new DenoisingLoss(Mode.REWEIGHTED, 0, 0, beta, true);
  }

  /** Rows the released code drops from a batch of {@code b}: {@code b - int((1 - rate) * b)}. */
  static long releasedDropCount(double rate, long b) {
    return b - (long) ((1 - rate) * b);
  }

  /** True for the released-code variants ({@link #truncatedOverBatch}, {@link #reweightedBothSides}). */
  public boolean releasedCode() {
    return released;
  }

  /**
   * The truncated loss: drop rate rising linearly from 0 at step 0 to {@code maxDropRate} at step {@code
   * rampSteps} (0: the maximum from the start), then constant.
   */
  public static DenoisingLoss truncated(double maxDropRate, long rampSteps) {
    if (!(maxDropRate >= 0 && maxDropRate < 1)) {
      throw new IllegalArgumentException("maxDropRate must be in [0, 1), got " + maxDropRate);
    }
    if (rampSteps < 0) {
      throw new IllegalArgumentException("rampSteps must be >= 0, got " + rampSteps);
    }
    return new DenoisingLoss(Mode.TRUNCATED, maxDropRate, rampSteps, 0);
  }

  /** The reweighted loss with exponent {@code beta >= 0} (0 = plain cross-entropy). */
  public static DenoisingLoss reweighted(double beta) {
    if (!(beta >= 0)) {
      throw new IllegalArgumentException("beta must be >= 0, got " + beta);
    }
    return new DenoisingLoss(Mode.REWEIGHTED, 0, 0, beta);
  }

  public Mode mode() {
    return mode;
  }

  public double maxDropRate() {
    return maxDropRate;
  }

  public long rampSteps() {
    return rampSteps;
  }

  public double beta() {
    return beta;
  }

  /** The truncated loss's drop rate at 0-based optimizer step {@code step}: {@code min(alpha step, eps_max)}. */
  public double dropRate(long step) {
    if (rampSteps == 0) {
      return maxDropRate;
    }
    return Math.min(maxDropRate, maxDropRate * step / (double) rampSteps);
  }

  @Override
  public NDArray multipliers(NDArray perRowLoss, NDArray labels, int epoch, long step) {
    NDArray y = labels.toType(DataType.FLOAT32, false);
    NDArray loss = perRowLoss.toType(DataType.FLOAT32, false);
    if (mode == Mode.REWEIGHTED) {
      if (released) {
        return loss.mul((float) -beta).exp();
      }
      // positives: exp(-beta * loss) = p^beta; negatives: 1
      return y.mul(loss.mul((float) -beta).exp().sub(1f)).add(1f);
    }
    double rate = dropRate(step);
    if (rate == 0) {
      return y.onesLike();
    }
    // negatives get -1, below every (non-negative) loss, so they rank after all positives
    NDArray key = loss.mul(y).sub(y.neg().add(1f));
    NDArray rank = key.argSort(0, false).argSort(0, true).toType(DataType.FLOAT32, false);
    NDArray k = released
        ? y.sum().minimum((float) releasedDropCount(rate, y.getShape().get(0)))
        : y.sum().mul((float) rate).floor();
    return rank.lt(k).toType(DataType.FLOAT32, false).neg().add(1f);
  }

  /**
   * Host version of the weights over a whole set of rows (used for an estimate's per-epoch weights): T-CE
   * weights at drop rate {@code dropRate} (the {@code floor(dropRate * #positives)} largest-loss positives get
   * 0, ties broken by position), or R-CE weights {@code exp(-beta * loss)} for positives.
   */
  public double[] weights(double[] loss, float[] y, double dropRate) {
    double[] w = new double[loss.length];
    Arrays.fill(w, 1);
    if (mode == Mode.REWEIGHTED) {
      for (int i = 0; i < w.length; i++) {
        if (released || y[i] > 0.5) {
          w[i] = Math.exp(-beta * loss[i]);
        }
      }
      return w;
    }
    int positives = 0;
    for (float v : y) {
      if (v > 0.5) {
        positives++;
      }
    }
    int k = released ? (int) Math.min(positives, releasedDropCount(dropRate, y.length))
        : (int) Math.floor(dropRate * positives);
    if (k == 0) {
      return w;
    }
    Integer[] pos = new Integer[positives];
    int j = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] > 0.5) {
        pos[j++] = i;
      }
    }
    Arrays.sort(pos, (a, b) -> {
      int c = Double.compare(loss[b], loss[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    for (int i = 0; i < k; i++) {
      w[pos[i]] = 0;
    }
    return w;
  }

  @Override
  public String toString() {
    String r = released ? ", released code" : "";
    return mode == Mode.TRUNCATED
        ? "T-CE(maxDropRate=" + maxDropRate + ", rampSteps=" + rampSteps + r + ")"
        : "R-CE(beta=" + beta + r + ")";
  }
}
