package siebench.importance.correction;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import siebench.core.Progress;
import siebench.features.EncodedData;
import siebench.features.FeatureLayout;

/**
 * The reward model {@code q_hat(x, a, k)} for the direct method and the doubly robust estimators, fitted on
 * the logged rows: an L2 {@link LogisticRegression} of the click on one-hot item, position, item x position
 * and user features, plus the user's affinity to the candidate item (the {@code user-item_affinity_<item>}
 * column of the Open Bandit Dataset), predicting every item at each row's logged position.
 *
 * <p>Cross-fitting (Chernozhukov et al. 2018, "Double/debiased machine learning for treatment and structural
 * parameters", Econometrics Journal; recommended for DR by Narita, Yasui &amp; Yata 2019 and done by Open
 * Bandit Pipeline's {@code RegressionModel.fit_predict(n_folds=...)}, Saito et al. 2021): the rows are split
 * into {@code K} seeded random folds and each fold's predictions come from the model fitted on the other
 * folds, so no row's own reward enters its prediction. {@code folds(1)} fits and predicts on all rows.
 * Unlike obp, which fits one model per position, one model shares the item and user effects across positions
 * and keeps per-position item effects in the item x position field. Immutable; deterministic for a seed.
 */
public final class RewardRegression {
  private final double l2;
  private final int folds;
  private final long seed;

  private RewardRegression(double l2, int folds, long seed) {
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new IllegalArgumentException("L2 strength must be finite and >= 0, got " + l2);
    }
    if (folds < 1) {
      throw new IllegalArgumentException("folds must be >= 1, got " + folds);
    }
    this.l2 = l2;
    this.folds = folds;
    this.seed = seed;
  }

  /** L2 strength 1e-3 (on the mean log loss), 3 cross-fitting folds (obp's default), seed 7. */
  public static RewardRegression logistic() {
    return new RewardRegression(1e-3, 3, 7);
  }

  /** L2 strength {@code lambda} of the objective {@code mean log loss + (lambda / 2) ||beta||^2}. */
  public RewardRegression l2(double lambda) {
    return new RewardRegression(lambda, folds, seed);
  }

  /** Number of cross-fitting folds; 1 fits and predicts on all rows (no cross-fitting). */
  public RewardRegression folds(int k) {
    return new RewardRegression(l2, k, seed);
  }

  /** Seed of the fold assignment. */
  public RewardRegression seed(long s) {
    return new RewardRegression(l2, folds, s);
  }

  /**
   * Cross-fitted predictions {@code q_hat(x_i, a, k_i)} for every row of {@code log} and every action {@code a
   * < actions} (item ids), at the row's logged position.
   */
  public EstimatedRewards fitPredict(BanditLog log, int actions) {
    int n = log.size();
    if (folds > n) {
      throw new IllegalArgumentException(folds + " folds for " + n + " rows");
    }
    Encoder enc = new Encoder(log, actions);
    int[] perm = allRowsShuffled(n);
    double[][] q = new double[n][];
    LogisticRegression fitter = LogisticRegression.l2(l2);
    for (int f = 0; f < folds; f++) {
      int lo = (int) ((long) n * f / folds);
      int hi = (int) ((long) n * (f + 1) / folds);
      List<Integer> train = new ArrayList<>();
      int[] held = new int[hi - lo];
      for (int k = 0; k < n; k++) {
        if (folds == 1 || k < lo || k >= hi) {
          train.add(perm[k]);
        }
      }
      System.arraycopy(perm, lo, held, 0, held.length);
      int[] tr = train.stream().mapToInt(Integer::intValue).toArray();
      double[] y = new double[tr.length];
      for (int k = 0; k < tr.length; k++) {
        y[k] = log.click()[tr[k]];
      }
      LogisticRegression.Fitted m = fitter.fit(enc.logged(tr), y, null, Progress.silent());
      double[] p = m.probabilities(enc.allActions(held));
      for (int k = 0; k < held.length; k++) {
        double[] row = new double[actions];
        System.arraycopy(p, k * actions, row, 0, actions);
        q[held[k]] = row;
      }
    }
    return EstimatedRewards.of(q);
  }

  private int[] allRowsShuffled(int n) {
    int[] p = OffPolicy.allRows(n);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** One-hot codes and the candidate affinity of (row, item) pairs, in one fixed layout. */
  private static final class Encoder {
    private final BanditLog log;
    private final int actions;
    private final int positions;
    private final FeatureLayout layout;
    private final long[] offsets;
    private final boolean affinity;

    Encoder(BanditLog log, int actions) {
      this.log = log;
      this.actions = actions;
      int maxPos = 0;
      for (int i = 0; i < log.size(); i++) {
        if (log.item()[i] >= actions) {
          throw new IllegalArgumentException(log.file() + ": row " + i + " shows item " + log.item()[i]
              + "; expected item ids 0.." + (actions - 1));
        }
        maxPos = Math.max(maxPos, log.position()[i]);
      }
      this.positions = maxPos;
      BanditContext c = log.context();
      this.affinity = c.affinityItems() > 0;
      if (affinity && c.affinityItems() != actions) {
        throw new IllegalArgumentException(log.file() + ": " + c.affinityItems() + " user-item affinity columns for "
            + actions + " items");
      }
      List<String> fields = new ArrayList<>(List.of("item", "position", "item_x_position"));
      fields.addAll(c.featureNames());
      int[] vocab = new int[fields.size()];
      vocab[0] = actions;
      vocab[1] = positions;
      vocab[2] = actions * positions;
      System.arraycopy(c.vocabularySizes(), 0, vocab, 3, c.vocabularySizes().length);
      this.layout = new FeatureLayout(fields, vocab, affinity ? List.of("candidate_affinity") : List.of());
      this.offsets = layout.offsets();
    }

    /** The logged (row, item) pairs of {@code rows}. */
    EncodedData logged(int[] rows) {
      int[] items = new int[rows.length];
      for (int k = 0; k < rows.length; k++) {
        items[k] = log.item()[rows[k]];
      }
      return encode(rows, items);
    }

    /** Every (row, item) pair of {@code rows}, row-major: {@code rows.length * actions} pairs. */
    EncodedData allActions(int[] rows) {
      int[] r = new int[rows.length * actions];
      int[] items = new int[r.length];
      for (int k = 0; k < rows.length; k++) {
        for (int a = 0; a < actions; a++) {
          r[k * actions + a] = rows[k];
          items[k * actions + a] = a;
        }
      }
      return encode(r, items);
    }

    private EncodedData encode(int[] rows, int[] items) {
      int n = rows.length;
      int fields = layout.fields();
      int dense = layout.dense();
      long[] cat = new long[n * fields];
      float[] den = new float[n * dense];
      BanditContext c = log.context();
      for (int k = 0; k < n; k++) {
        int i = rows[k];
        int a = items[k];
        int pos = log.position()[i] - 1;
        int o = k * fields;
        cat[o] = offsets[0] + a;
        cat[o + 1] = offsets[1] + pos;
        cat[o + 2] = offsets[2] + (long) a * positions + pos;
        for (int f = 3; f < fields; f++) {
          cat[o + f] = offsets[f] + c.features()[i][f - 3];
        }
        if (affinity) {
          den[k] = (float) c.affinity()[i][a];
        }
      }
      return new EncodedData(layout, n, cat, den, new float[n], new float[n], new long[n]);
    }
  }
}
