package siebench.importance.valuation;

import java.util.LinkedHashMap;
import java.util.Map;
import siebench.core.CostMeter;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import siebench.model.ModelSpec;

/**
 * Cross-validated residual importance: stratified k-fold out-of-fold predictions {@code p_i} (each row
 * predicted by a model that never saw it, see {@link OutOfFold}), turned into a per-row score. A simple,
 * model-agnostic baseline in the spirit of out-of-sample residual diagnostics: the cross-validated predicted
 * probabilities that confident learning builds on (Northcutt et al. 2021, "Confident Learning: Estimating
 * Uncertainty in Dataset Labels", JAIR), and the residual-based outlier diagnostics of regression (Cook and
 * Weisberg 1982, "Residuals and Influence in Regression").
 *
 * <p>Three forms ({@link Form}):
 *
 * <ul>
 *   <li>{@code SIGNED_RESIDUAL} (default): {@code y_i - p_i}, how much the row's own label is under-predicted
 *       out of fold. High for a <b>surprising click</b> (a click the model, not having seen the row, thought
 *       unlikely: where fake clicks concentrate), near 0 for expected labels, negative for a surprising
 *       non-click.
 *   <li>{@code ABSOLUTE_RESIDUAL}: {@code |y_i - p_i|}: how surprising the row's label is either way (large for
 *       mislabeled rows and for genuinely hard rows alike).
 *   <li>{@code MEAN_MINUS_PREDICTION} (the project's seed proposal, {@link #meanMinusPrediction()}): {@code
 *       mean_j(p_j) - p_i}, how far below the average out-of-fold CTR this row is predicted. It does <i>not</i>
 *       look at the row's label: on a click a high score means a surprising click, exactly as the signed
 *       residual (the two differ by the constant {@code 1 - mean(p)} on clicks); on a non-click a high score
 *       means an <i>expected</i> non-click, so over all rows it mixes surprise with the label. Read it on clicks
 *       only; it is kept to reproduce the seed documents.
 * </ul>
 *
 * <p><b>When it misleads.</b> Class imbalance: with a 2% CTR every positive has a residual near +1 and every
 * negative near 0, so the signed residual mostly re-sorts by label (compare within a label). Heteroscedastic
 * rows: a residual of 0.5 is routine for a row with true CTR 0.5 and extreme for one with true CTR 0.01, so
 * noisy-but-correct rows look like outliers (divide by {@code sqrt(p(1-p))} yourself for Pearson residuals).
 * Model misspecification: a model that cannot represent an interaction produces large residuals on every row
 * that needs it, flagging valuable rows as suspicious. Small k makes the fold models weaker than the full
 * model, inflating all residuals.
 *
 * <p><b>Sign:</b> in every form higher = more surprising (harder, more suspicious; for the mean-minus-prediction
 * form only on clicks), so the estimate's meaning is {@link Importance.Meaning#HARDNESS}: cleaning drops the
 * highest scores, reweighting down-weights them. The model is the Java {@link LogisticRegression} or a CTR model
 * ({@link #model(ModelSpec)}).
 */
public final class CrossValidatedResidual implements ImportanceEstimator {
  /** The score computed from the out-of-fold prediction. */
  public enum Form {
    /** {@code y - p}, the default. */
    SIGNED_RESIDUAL,
    /** {@code |y - p|}. */
    ABSOLUTE_RESIDUAL,
    /** {@code mean(p) - p}, label-free (the seed documents' form). */
    MEAN_MINUS_PREDICTION
  }

  private final int folds;
  private final Form form;
  private final LogisticRegression regression;
  private final ModelSpec model;

  private CrossValidatedResidual(int folds, Form form, LogisticRegression regression, ModelSpec model) {
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be >= 2, got " + folds);
    }
    this.folds = folds;
    this.form = form;
    this.regression = regression;
    this.model = model;
  }

  /** 5 folds, signed residual {@code y - p}, Java LR. */
  public static CrossValidatedResidual defaults() {
    return new CrossValidatedResidual(5, Form.SIGNED_RESIDUAL, LogisticRegression.defaults(), null);
  }

  public CrossValidatedResidual folds(int k) {
    return new CrossValidatedResidual(k, form, regression, model);
  }

  public CrossValidatedResidual form(Form f) {
    return new CrossValidatedResidual(folds, f, regression, model);
  }

  /** The signed residual {@code y - p} (the default). */
  public CrossValidatedResidual signed() {
    return form(Form.SIGNED_RESIDUAL);
  }

  /** The absolute residual {@code |y - p|}. */
  public CrossValidatedResidual absolute() {
    return form(Form.ABSOLUTE_RESIDUAL);
  }

  /**
   * The seed documents' label-free form {@code mean(p) - p}: a surprise score on clicks only (see the class
   * documentation).
   */
  public CrossValidatedResidual meanMinusPrediction() {
    return form(Form.MEAN_MINUS_PREDICTION);
  }

  public CrossValidatedResidual regression(LogisticRegression r) {
    return new CrossValidatedResidual(folds, form, r, null);
  }

  public CrossValidatedResidual model(ModelSpec m) {
    return new CrossValidatedResidual(folds, form, regression, m);
  }

  @Override
  public String name() {
    return "cv-residual";
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("folds", folds);
    p.put("form", form.name().toLowerCase());
    p.put("learner", Learners.describe(null, model, regression));
    return p;
  }

  /** The score of every row from its out-of-fold prediction {@code p} and label {@code y}. */
  public static double[] scores(float[] y, double[] p, Form form) {
    double mean = 0;
    for (double v : p) {
      mean += v / p.length;
    }
    double[] s = new double[p.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = switch (form) {
        case MEAN_MINUS_PREDICTION -> mean - p[i];
        case SIGNED_RESIDUAL -> y[i] - p[i];
        case ABSOLUTE_RESIDUAL -> Math.abs(y[i] - p[i]);
      };
    }
    return s;
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    double[] p = OutOfFold.probabilities(train, folds, model, regression, context, meter);
    return new Importance(name(), parameters(), train.rowIds(), scores(train.labels(), p, form), Importance.Cost.of(meter))
        .withMeaning(Importance.Meaning.HARDNESS);
  }
}
