package siebench.importance.dynamics;

import siebench.core.Numerics;
import siebench.importance.Importance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import siebench.features.EncodedData;
import siebench.train.TrainedModel;

/**
 * The per-sample scores that need only one trained model (one checkpoint), no retraining: the per-row scores
 * that {@link El2n}, {@link GraNd} and the Area-Under-the-Margin estimator average over checkpoints, taken at
 * a single saved model. Paul, Ganguli and Dziugaite (2021), "Deep Learning on a Data Diet" (EL2N {@code |p -
 * y|}, GraNd: the norm of the per-sample loss gradient over all parameters, or the last layer only); Pleiss et
 * al. (2020), "Identifying Mislabeled Data using the Area Under the Margin Ranking" (the binary margin {@code (2y
 * - 1) z}); and the per-sample binary cross-entropy. Formulas from {@link DynamicsMath}; higher loss, EL2N and
 * GraNd and lower margin mean harder (or more likely mislabeled).
 */
public final class CheckpointScores {
  /** The score names, in output order. */
  public static final List<String> NAMES = List.of("loss", "el2n", "margin", "grand", "grand-last-layer");

  private CheckpointScores() {}

  /**
   * What a high value of score {@code name} means: {@link Importance.Meaning#VALUE} for the margin (a high margin
   * is an easy, well-fitted row), {@link Importance.Meaning#HARDNESS} for the others.
   */
  public static Importance.Meaning meaning(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown score '" + name + "'; expected one of " + NAMES);
    }
    return name.equals("margin") ? Importance.Meaning.VALUE : Importance.Meaning.HARDNESS;
  }

  /** Parses a comma-separated list of score names; fails naming the known ones. */
  public static List<String> parse(String list) {
    List<String> out = new java.util.ArrayList<>();
    for (String s : list.split(",")) {
      String n = s.trim().toLowerCase(Locale.ROOT);
      if (n.isEmpty()) {
        continue;
      }
      if (!NAMES.contains(n)) {
        throw new IllegalArgumentException("unknown score '" + s.trim() + "'; expected some of " + NAMES);
      }
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no score named; expected some of " + NAMES);
    }
    return out;
  }

  /** The click probability and the named scores of every row of {@code data} under {@code model}. */
  public static Map<String, double[]> compute(TrainedModel model, EncodedData data, List<String> names) {
    Map<String, double[]> out = new LinkedHashMap<>();
    double[] z = model.logits(data);
    float[] y = data.labels();
    double[] p = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = Numerics.sigmoid(z[i]);
    }
    out.put("prediction", p);
    for (String n : names) {
      double[] s = switch (n) {
        case "loss" -> map(z, y, Numerics::bce);
        case "el2n" -> map(z, y, DynamicsMath::el2n);
        case "margin" -> map(z, y, DynamicsMath::margin);
        case "grand" -> model.gradientNorms(data);
        case "grand-last-layer" -> GraNd.lastLayerNorms(model, data);
        default -> throw new IllegalArgumentException("unknown score '" + n + "'; expected some of " + NAMES);
      };
      out.put(n, s);
    }
    return out;
  }

  private interface RowFormula {
    double apply(double z, double y);
  }

  private static double[] map(double[] z, float[] y, RowFormula f) {
    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = f.apply(z[i], y[i]);
    }
    return out;
  }
}
