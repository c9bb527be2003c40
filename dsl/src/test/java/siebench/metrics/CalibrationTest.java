package siebench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class CalibrationTest {
  @Test
  void handComputed() {
    float[] y = {0, 1, 0, 1};
    double[] p = {0.1, 0.4, 0.2, 0.3};
    Calibration c = Calibration.of(y, p, 2);
    // bins {0.1, 0.2} (observed 0) and {0.3, 0.4} (observed 1)
    assertEquals(0.25, c.predictedRate(), 1e-15);
    assertEquals(0.5, c.observedRate(), 1e-15);
    assertEquals(0.5, c.ratio(), 1e-15);
    assertEquals(0.5 * 0.15 + 0.5 * 0.65, c.ece(), 1e-15);
    assertEquals(0.65, c.mce(), 1e-15);
    Table t = c.table();
    assertEquals(2, t.rowCount());
    assertEquals(0.1, t.doubleColumn("from").get(0), 0);
    assertEquals(0.2, t.doubleColumn("to").get(0), 0);
    assertEquals(0.35, t.doubleColumn("mean_predicted").get(1), 1e-15);
    assertEquals(1.0, t.doubleColumn("observed_rate").get(1), 0);
    assertEquals(-0.15, t.doubleColumn("gap").get(0), 1e-15);
    // three bins of four rows: sizes 2, 1, 1 (floor(r * 3 / 4) = 0, 0, 1, 2)
    assertEquals(Arrays.asList(2, 1, 1), Calibration.of(y, p, 3).table().intColumn("count").asList());
    // more bins than rows: one row per bin, ECE = mean |y - p|
    assertEquals((0.1 + 0.6 + 0.2 + 0.7) / 4, Calibration.of(y, p, 10).ece(), 1e-15);
    assertTrue(Double.isNaN(Calibration.of(new float[] {0}, new double[] {0.3}, 1).ratio()));
  }

  @Test
  void matchesReferenceBinningOnRandomInputs() {
    for (int seed = 0; seed < 200; seed++) {
      Random r = new Random(seed);
      int n = 1 + r.nextInt(200);
      int bins = 1 + r.nextInt(15);
      float[] y = MetricsTest.randomLabels(r, n, r.nextDouble());
      double[] p = new double[n];
      for (int i = 0; i < n; i++) {
        p[i] = r.nextInt(3) == 0 ? 0.5 : r.nextDouble(); // some ties
      }
      // reference: stable sort by probability, bin of rank r = floor(r * B / n)
      int nb = Math.min(bins, n);
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
      double[] sp = new double[nb];
      double[] sy = new double[nb];
      int[] cnt = new int[nb];
      for (int rank = 0; rank < n; rank++) {
        int b = (int) ((long) rank * nb / n);
        sp[b] += p[order[rank]];
        sy[b] += y[order[rank]];
        cnt[b]++;
      }
      double ece = 0;
      double mce = 0;
      for (int b = 0; b < nb; b++) {
        double gap = Math.abs(sy[b] / cnt[b] - sp[b] / cnt[b]);
        ece += gap * cnt[b] / n;
        mce = Math.max(mce, gap);
      }
      Calibration c = Calibration.of(y, p, bins);
      assertEquals(ece, c.ece(), 1e-12, "seed " + seed);
      assertEquals(mce, c.mce(), 1e-12, "seed " + seed);
      assertEquals(Arrays.stream(p).average().orElseThrow(), c.predictedRate(), 1e-12);
      assertEquals(n, c.table().intColumn("count").sum());
      int max = (int) c.table().intColumn("count").max();
      int min = (int) c.table().intColumn("count").min();
      assertTrue(max - min <= 1, "equal-count bins, seed " + seed);
    }
  }

  @Test
  void calibratedModelHasSmallEceAndShiftedModelHasTheShift() {
    Random r = new Random(42);
    int n = 200_000;
    float[] y = new float[n];
    double[] p = new double[n];
    double[] shifted = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = 0.02 + 0.3 * r.nextDouble();
      y[i] = r.nextDouble() < p[i] ? 1 : 0;
      shifted[i] = p[i] + 0.05;
    }
    Calibration good = Calibration.of(y, p, 10);
    // per bin the gap is binomial noise with sd about sqrt(0.3 * 0.7 / 20000) = 0.0032
    assertTrue(good.ece() < 0.01, good.toString());
    assertEquals(1.0, good.ratio(), 0.02);
    Calibration bad = Calibration.of(y, shifted, 10);
    assertEquals(0.05, bad.ece(), 0.01, bad.toString());
    // mean predicted 0.02 + 0.15 + 0.05 = 0.22 against an observed rate of 0.17
    assertEquals(0.22 / 0.17, bad.ratio(), 0.02);
  }

  @Test
  void badInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Calibration.of(new float[] {0, 1}, new double[] {0.1, 1.2}, 2));
    assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Calibration.of(new float[] {0}, new double[] {0.1}, 0));
    assertThrows(IllegalArgumentException.class, () -> Calibration.of(new float[0], new double[0], 3));
  }
}
