package siebench.cvr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.data.Samples;
import siebench.metrics.Metrics;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** The entire-space CVR metrics against brute force over pairs and the definitions. */
class CvrEvaluationTest {
  /** The soft-label AUC by brute force over ordered pairs of distinct rows. */
  private static double bruteSoftAuc(double[] q, double[] s) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < q.length; i++) {
      for (int j = 0; j < q.length; j++) {
        if (i != j) {
          double w = q[i] * (1 - q[j]);
          num += w * (s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0);
          den += w;
        }
      }
    }
    return num / den;
  }

  @Test
  void softAucIsTheAucOverPairsOfDistinctImpressions() {
    Random r = new Random(3);
    for (int trial = 0; trial < 20; trial++) {
      int n = 5 + r.nextInt(40);
      double[] q = new double[n];
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        q[i] = r.nextDouble();
        s[i] = Math.round(r.nextDouble() * 8) / 8.0; // ties
      }
      assertEquals(bruteSoftAuc(q, s), CvrEvaluation.softAuc(q, s), 1e-9);
    }
  }

  @Test
  void softAucWithHardLabelsIsTheAuc() {
    double[] q = {1, 0, 1, 0, 0, 1, 0};
    double[] s = {0.9, 0.1, 0.4, 0.4, 0.8, 0.7, 0.2};
    float[] y = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      y[i] = (float) q[i];
    }
    assertEquals(Metrics.auc(y, s), CvrEvaluation.softAuc(q, s), 1e-12);
  }

  @Test
  void metricsOnAToyWithAnOracle() {
    float[] click = {1, 1, 1, 0, 0, 0};
    float[] buy = {1, 0, 1, 0, 0, 0};
    double[] q = {0.8, 0.3, 0.6, 0.1, 0.2, 0.05};
    Table t = Table.create("toy", IntColumn.create("click", 1, 1, 1, 0, 0, 0),
        IntColumn.create("purchase", 1, 0, 1, 0, 0, 0), DoubleColumn.create("truth_cvr", q),
        IntColumn.create("item", 1, 2, 3, 4, 5, 6));
    ConversionData data = ConversionData.of(Samples.from(t).categorical("item"), "click", "purchase")
        .withOracle("truth_cvr");
    double[] ctr = {0.9, 0.8, 0.7, 0.3, 0.2, 0.1};
    double[] cvr = {0.7, 0.2, 0.5, 0.4, 0.3, 0.2};
    double[] ctcvr = new double[6];
    for (int i = 0; i < 6; i++) {
      ctcvr[i] = ctr[i] * cvr[i];
    }
    Map<String, Double> m = CvrEvaluation.of(data, new CvrPredictions(ctr, cvr, ctcvr));
    assertEquals(1.0, m.get(CvrEvaluation.CTR_AUC), 1e-12);
    assertEquals(1.0, m.get(CvrEvaluation.CVR_AUC_CLICKED), 1e-12); // 0.7, 0.5 above 0.2
    double ll = -(Math.log(0.7) + Math.log(0.8) + Math.log(0.5)) / 3;
    assertEquals(ll, m.get(CvrEvaluation.CVR_LOGLOSS_CLICKED), 1e-9);
    assertEquals(Metrics.auc(buy, ctcvr), m.get(CvrEvaluation.CTCVR_AUC), 1e-12);
    assertEquals((2.3 - 2.05) / 6, m.get(CvrEvaluation.CVR_BIAS), 1e-12); // sums of pCVR and q
    double soft = 0;
    for (int i = 0; i < 6; i++) {
      soft -= q[i] * Math.log(cvr[i]) + (1 - q[i]) * Math.log(1 - cvr[i]);
    }
    assertEquals(soft / 6, m.get(CvrEvaluation.CVR_LOGLOSS_ENTIRE), 1e-9);
    assertEquals(bruteSoftAuc(q, cvr), m.get(CvrEvaluation.CVR_AUC_ENTIRE), 1e-12);
    // without the oracle only the observable metrics
    ConversionData real = ConversionData.of(Samples.from(t).categorical("item"), "click", "purchase");
    Map<String, Double> observable = CvrEvaluation.of(real, new CvrPredictions(ctr, cvr, ctcvr));
    assertFalse(observable.containsKey(CvrEvaluation.CVR_BIAS));
    assertEquals(4, observable.size());
  }

  @Test
  void conversionsWithoutClicksAreRejectedNamingTheRow() {
    Table t = Table.create("bad", IntColumn.create("click", 1, 0, 1), IntColumn.create("purchase", 0, 1, 1),
        IntColumn.create("item", 1, 2, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConversionData.of(Samples.from(t).categorical("item"), "click", "purchase"));
    assertTrue(e.getMessage().contains("row_id 1"), e.getMessage());
    Table t2 = Table.create("bad", IntColumn.create("click", 1, 0, 1), IntColumn.create("purchase", 0, 0, 2),
        IntColumn.create("item", 1, 2, 3));
    e = assertThrows(IllegalArgumentException.class,
        () -> ConversionData.of(Samples.from(t2).categorical("item"), "click", "purchase"));
    assertTrue(e.getMessage().contains("row_id 2") && e.getMessage().contains("0/1"), e.getMessage());
  }
}
