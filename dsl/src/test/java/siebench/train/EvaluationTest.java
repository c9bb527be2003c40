package siebench.train;

import java.util.Random;
import org.junit.jupiter.api.Test;
import siebench.data.Samples;
import siebench.metrics.Calibration;
import siebench.metrics.Metrics;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTest {
  @Test
  void tableAgreesWithTheIndividualMetrics() {
    Random r = new Random(1);
    int n = 400;
    StringColumn user = StringColumn.create("user_id", n);
    StringColumn query = StringColumn.create("query_id", n);
    IntColumn click = IntColumn.create("click", n);
    DoubleColumn f = DoubleColumn.create("f", n);
    float[] y = new float[n];
    double[] p = new double[n];
    String[] users = new String[n];
    String[] queries = new String[n];
    for (int i = 0; i < n; i++) {
      users[i] = "u" + r.nextInt(30);
      queries[i] = "q" + r.nextInt(60);
      y[i] = r.nextDouble() < 0.2 ? 1 : 0;
      p[i] = Math.min(1, Math.max(0, 0.15 + 0.3 * y[i] + 0.2 * r.nextGaussian()));
      user.set(i, users[i]);
      query.set(i, queries[i]);
      click.set(i, (int) y[i]);
      f.set(i, r.nextDouble());
    }
    Samples s = Samples.from(Table.create("t", user, query, click, f));
    Evaluation e = Evaluation.of(s, p, 5, 8);
    assertEquals(Metrics.auc(y, p), e.get("auc"), 0);
    assertEquals(Metrics.logLoss(y, p), e.get("logloss"), 0);
    assertEquals(Metrics.gauc(y, p, users), e.get("gauc"), 0);
    // the group column is the query (query before user)
    assertEquals(Metrics.ndcg(y, p, queries, 5), e.get("ndcg@5"), 0);
    assertEquals(Metrics.recall(y, p, queries, 5), e.get("recall@5"), 0);
    assertEquals(Metrics.hitRate(y, p, queries, 5), e.get("hitrate@5"), 0);
    assertEquals(Metrics.ece(y, p, 8), e.get("ece"), 0);
    assertEquals(Calibration.of(y, p, 8).ratio(), e.get("calibration"), 0);
    assertEquals(8, e.calibration().table().rowCount());
    assertEquals(10, e.table().rowCount());
    assertTrue(Double.isNaN(e.get("nope")));
    // without user or query only the global metrics remain
    Samples plain = Samples.from(Table.create("t", click.copy(), f.copy()));
    assertEquals(6, Evaluation.of(plain, p).table().rowCount());
    assertThrows(IllegalArgumentException.class, () -> Evaluation.of(plain, new double[3]));
  }
}
