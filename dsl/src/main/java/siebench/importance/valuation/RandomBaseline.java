package siebench.importance.valuation;

import java.util.Map;
import java.util.SplittableRandom;
import siebench.core.CostMeter;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;

/**
 * The random baseline every benchmark of importance estimators needs: independent uniform scores in [0, 1)
 * from the context's seed (the same seed and rows give the same scores). Any estimator that does not beat it
 * on a protocol carries no information there. <b>Sign:</b> meaningless by construction.
 */
public final class RandomBaseline implements ImportanceEstimator {
  private RandomBaseline() {}

  /** The random baseline (uniform scores from the context's seed). */
  public static RandomBaseline defaults() {
    return new RandomBaseline();
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public Importance estimate(Samples train, EstimationContext context) {
    CostMeter meter = new CostMeter();
    // not seed * golden gamma: SplittableRandom steps by that gamma, so nearby seeds would give shifted copies
    SplittableRandom r = new SplittableRandom(new java.util.Random(context.seed()).nextLong());
    double[] s = new double[train.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = r.nextDouble();
    }
    return new Importance(name(), Map.of("seed", context.seed()), train.rowIds(), s, Importance.Cost.of(meter));
  }
}
