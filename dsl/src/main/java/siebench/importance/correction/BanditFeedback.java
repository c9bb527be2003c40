package siebench.importance.correction;

/**
 * Logged bandit feedback ready for off-policy evaluation: for each row {@code i} the reward {@code r_i}, the
 * logged action {@code a_i}, the logging propensity {@code pi_b(a_i | x_i, k_i)}, the evaluation policy's
 * {@link ActionDistribution} and, for the model-based estimators, a reward model's {@link EstimatedRewards}.
 * It precomputes the per-row quantities every estimator of Dudík, Langford &amp; Li (2011, "Doubly Robust Policy
 * Evaluation and Learning", ICML) is built from: the importance weight {@code w_i = pi_e(a_i|x_i) /
 * pi_b(a_i|x_i)}, the model's value of the target policy {@code q_hat(x_i, pi_e) = sum_a pi_e(a|x_i)
 * q_hat(x_i, a)} and the model's prediction for the logged action {@code q_hat(x_i, a_i)}. Immutable.
 */
public final class BanditFeedback {
  private final double[] reward;
  private final int[] action;
  private final double[] propensity;
  private final ActionDistribution target;
  private final double[] weight;
  private final EstimatedRewards model;
  private final double[] modelValue;
  private final double[] modelFactual;

  private BanditFeedback(double[] reward, int[] action, double[] propensity, ActionDistribution target,
      double[] weight, EstimatedRewards model, double[] modelValue, double[] modelFactual) {
    this.reward = reward;
    this.action = action;
    this.propensity = propensity;
    this.target = target;
    this.weight = weight;
    this.model = model;
    this.modelValue = modelValue;
    this.modelFactual = modelFactual;
  }

  /** The clicks, items and propensities of {@code log}, evaluated for {@code target}. */
  public static BanditFeedback of(BanditLog log, ActionDistribution target) {
    return of(log.click(), log.item(), log.propensity(), target);
  }

  /**
   * Rows with {@code rewards}, logged {@code actions} (0 .. target.actions() - 1) and logging {@code
   * propensities}, evaluated for {@code target}; fails naming the first invalid row.
   */
  public static BanditFeedback of(double[] rewards, int[] actions, double[] propensities, ActionDistribution target) {
    int n = rewards.length;
    if (actions.length != n || target.rows() != n) {
      throw new IllegalArgumentException("lengths differ: " + n + " rewards, " + actions.length + " actions, "
          + target.rows() + " rows of the action distribution");
    }
    double[] pi = new double[n];
    for (int i = 0; i < n; i++) {
      if (actions[i] < 0 || actions[i] >= target.actions()) {
        throw new IllegalArgumentException("action of row " + i + " is " + actions[i] + "; the action distribution "
            + "covers actions 0.." + (target.actions() - 1));
      }
      pi[i] = target.probability(i, actions[i]);
    }
    double[] w = OffPolicy.weights(rewards, pi, propensities);
    return new BanditFeedback(rewards.clone(), actions.clone(), propensities.clone(), target, w, null, null, null);
  }

  /** The same rows with a reward model's predictions, which DM and the doubly robust estimators need. */
  public BanditFeedback withEstimatedRewards(EstimatedRewards q) {
    int n = size();
    if (q.rows() != n || q.actions() != target.actions()) {
      throw new IllegalArgumentException("estimated rewards are " + q.rows() + " x " + q.actions() + "; expected "
          + n + " rows x " + target.actions() + " actions");
    }
    double[] value = new double[n];
    double[] factual = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int a = 0; a < q.actions(); a++) {
        s += target.probability(i, a) * q.value(i, a);
      }
      value[i] = s;
      factual[i] = q.value(i, action[i]);
    }
    return new BanditFeedback(reward, action, propensity, target, weight, q, value, factual);
  }

  public int size() {
    return reward.length;
  }

  /** True when a reward model's predictions are attached. */
  public boolean hasEstimatedRewards() {
    return model != null;
  }

  /** The rewards {@code r_i}. */
  public double[] rewards() {
    return reward.clone();
  }

  /** The importance weights {@code w_i = pi_e(a_i|x_i) / pi_b(a_i|x_i)}. */
  public double[] importanceWeights() {
    return weight.clone();
  }

  /** Per row, the reward model's value of the target policy {@code q_hat(x_i, pi_e)}. */
  public double[] modelValues() {
    return requireModel("q_hat(x, pi_e)").clone();
  }

  /** Per row, the reward model's prediction for the logged action {@code q_hat(x_i, a_i)}. */
  public double[] modelFactual() {
    requireModel("q_hat(x, a)");
    return modelFactual.clone();
  }

  // the estimators' inputs on a (bootstrap) selection of rows, repetitions allowed

  double[] rewards(int[] rows) {
    return gather(reward, rows);
  }

  double[] weights(int[] rows) {
    return gather(weight, rows);
  }

  /** Per selected row, {@code r_i - q_hat(x_i, a_i)}. */
  double[] residuals(int[] rows) {
    requireModel("the residual r - q_hat(x, a)");
    double[] d = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      d[k] = reward[rows[k]] - modelFactual[rows[k]];
    }
    return d;
  }

  /** The mean of {@code q_hat(x_i, pi_e)} over the selected rows: the direct method. */
  double meanModelValue(int[] rows) {
    double[] v = requireModel("the direct method");
    double s = 0;
    for (int i : rows) {
      s += v[i];
    }
    return s / rows.length;
  }

  private static double[] gather(double[] x, int[] rows) {
    double[] g = new double[rows.length];
    for (int k = 0; k < rows.length; k++) {
      g[k] = x[rows[k]];
    }
    return g;
  }

  private double[] requireModel(String what) {
    if (model == null) {
      throw new IllegalStateException(what + " needs a reward model: call withEstimatedRewards(...) first "
          + "(e.g. with RewardRegression.logistic().fitPredict(log, actions))");
    }
    return modelValue;
  }
}
