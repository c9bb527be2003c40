package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;

class LeaveOneOutTest {
  @Test
  void exactAgainstDirectRetraining() {
    Samples s = Toys.flip(Toys.blobs(40, 2, 6), 0);
    Split sp = s.split(0.4, 1);
    Samples train = sp.train();
    EstimationContext ctx = EstimationContext.defaults().validation(sp.test()).progress(Progress.silent());
    LogisticRegression lr = LogisticRegression.defaults().tolerance(1e-10);
    Importance imp = LeaveOneOut.defaults().regression(lr).estimate(train, ctx);
    // direct: cold fits on all rows and on all rows but i
    FeatureEncoder enc = FeatureEncoder.fit(train);
    EncodedData tr = enc.encode(train);
    EncodedData va = enc.encode(sp.test());
    int n = tr.rows();
    double full = UtilityMetric.NEG_LOG_LOSS.score(va.labels(), lr.fit(tr).predict(va));
    double[] v = imp.alignTo(train);
    for (int i = 0; i < n; i++) {
      int[] rest = new int[n - 1];
      for (int j = 0, c = 0; j < n; j++) {
        if (j != i) {
          rest[c++] = j;
        }
      }
      double without = UtilityMetric.NEG_LOG_LOSS.score(va.labels(), lr.fit(tr, rest, null).predict(va));
      assertEquals(full - without, v[i], 1e-8, "row " + i);
    }
    assertEquals(n + 1, imp.cost().trainings());
  }

  @Test
  void refusesLargeDataNamingSizeLimitAndAlternatives() {
    Samples s = Toys.blobs(30, 2, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LeaveOneOut.defaults().maxRows(20).estimate(s, EstimationContext.defaults().progress(Progress.silent())));
    String m = e.getMessage();
    assertTrue(m.contains("30 rows") && m.contains("limit of 20"), m);
    assertTrue(m.contains("influence()") && m.contains("knnShapley()") && m.contains("dataOob()"), m);
    assertTrue(m.contains("maxRows(30)"), m);
  }
}
