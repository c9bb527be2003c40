package siebench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import siebench.core.Interval;
import siebench.core.Progress;

class BootstrapTest {
  private static double mean(double[] x, int[] rows) {
    double s = 0;
    for (int r : rows) {
      s += x[r];
    }
    return s / rows.length;
  }

  @Test
  void seededAndDeterministic() {
    Random r = new Random(1);
    double[] x = new double[100];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
    }
    Bootstrap.Result a = Bootstrap.rows(x.length, 200, 0.9, 7, s -> mean(x, s.rows()));
    Bootstrap.Result b = Bootstrap.rows(x.length, 200, 0.9, 7, s -> mean(x, s.rows()));
    Bootstrap.Result c = Bootstrap.rows(x.length, 200, 0.9, 8, s -> mean(x, s.rows()));
    assertEquals(a, b);
    assertNotEquals(a.interval().lower(), c.interval().lower());
    assertEquals(mean(x, BootstrapTestRows.all(x.length)), a.interval().estimate(), 1e-15);
    assertTrue(a.interval().lower() < a.interval().estimate() && a.interval().estimate() < a.interval().upper());
  }

  @Test
  void standardErrorOfTheMeanMatchesTheClosedForm() {
    Random r = new Random(2);
    int n = 400;
    double[] x = new double[n];
    double m = 0;
    for (int i = 0; i < n; i++) {
      x[i] = 3 + 2 * r.nextGaussian();
      m += x[i] / n;
    }
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    // the bootstrap distribution of the mean has sd sqrt(ss / n) / sqrt(n) exactly in expectation
    double se = Math.sqrt(ss / n) / Math.sqrt(n);
    Bootstrap.Result ci = Bootstrap.rows(n, 4000, 0.95, 3, s -> mean(x, s.rows()));
    assertEquals(se, ci.interval().standardError(), 0.05 * se);
    assertEquals(m - 1.96 * se, ci.interval().lower(), 0.15 * se);
    assertEquals(m + 1.96 * se, ci.interval().upper(), 0.15 * se);
  }

  @Test
  void percentileIntervalCoversTheTrueMeanAboutAsOftenAsAsked() {
    int covered = 0;
    int trials = 300;
    for (int t = 0; t < trials; t++) {
      Random r = new Random(100 + t);
      double[] x = new double[60];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextGaussian();
      }
      Bootstrap.Result ci = Bootstrap.rows(x.length, 400, 0.9, t, s -> mean(x, s.rows()));
      if (ci.interval().lower() <= 0 && 0 <= ci.interval().upper()) {
        covered++;
      }
    }
    double coverage = covered / (double) trials;
    // nominal 0.90; binomial sd over 300 trials is 0.017, the percentile method runs slightly narrow at n=60
    assertTrue(coverage > 0.84 && coverage < 0.96, "coverage " + coverage);
  }

  @Test
  void aucStandardErrorAgreesWithHanleyMcNeil() {
    Random r = new Random(4);
    int n = 2000;
    float[] y = MetricsTest.randomLabels(r, n, 0.3);
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = y[i] + r.nextGaussian();
    }
    Bootstrap.Result ci = Bootstrap.auc(y, s, 500, 0.95, 9);
    double a = Metrics.auc(y, s);
    double np = 0;
    for (float v : y) {
      np += v;
    }
    double nn = n - np;
    // Hanley and McNeil (1982), "The meaning and use of the area under a ROC curve", Radiology
    double q1 = a / (2 - a);
    double q2 = 2 * a * a / (1 + a);
    double hm = Math.sqrt((a * (1 - a) + (np - 1) * (q1 - a * a) + (nn - 1) * (q2 - a * a)) / (np * nn));
    assertEquals(a, ci.interval().estimate(), 1e-15);
    assertEquals(hm, ci.interval().standardError(), 0.2 * hm);
  }

  @Test
  void groupBootstrapDrawsWholeGroupsAndCountsCopiesSeparately() {
    String[] users = {"a", "a", "b", "b", "b", "c"};
    Groups g = Groups.of(users);
    Bootstrap.Result ci = Bootstrap.groups(g, 300, 0.95, 5, s -> {
      Map<Long, Map<String, Integer>> perCopy = new HashMap<>();
      for (int i = 0; i < s.rows().length; i++) {
        perCopy.computeIfAbsent(s.groups()[i], k -> new HashMap<>()).merge(users[s.rows()[i]], 1, Integer::sum);
      }
      for (Map<String, Integer> copy : perCopy.values()) {
        assertEquals(1, copy.size(), "one copy id holds one user");
        String u = copy.keySet().iterator().next();
        assertEquals(g.members(indexOf(g, u)).length, copy.get(u), "a drawn user comes with all its rows");
      }
      assertEquals(3, perCopy.size(), "three draws of three users, each its own copy");
      return s.rows().length;
    });
    assertEquals(6, ci.interval().estimate(), 0);
    assertTrue(ci.interval().lower() >= 3 && ci.interval().upper() <= 9);
    Random r = new Random(6);
    int n = 600;
    String[] u = new String[n];
    float[] y = MetricsTest.randomLabels(r, n, 0.4);
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = "u" + r.nextInt(40);
      s[i] = y[i] + r.nextGaussian();
    }
    Bootstrap.Result gauc = Bootstrap.gauc(y, s, u, 200, 0.95, 1);
    assertEquals(Metrics.gauc(y, s, u), gauc.interval().estimate(), 1e-15);
    Interval gi = gauc.interval();
    assertTrue(gi.lower() < gi.estimate() && gi.estimate() < gi.upper(), gauc.toString());
  }

  private static int indexOf(Groups g, String key) {
    for (int i = 0; i < g.count(); i++) {
      if (g.key(i).equals(key)) {
        return i;
      }
    }
    throw new AssertionError(key);
  }

  @Test
  void pairedAucDifference() {
    Random r = new Random(12);
    int n = 3000;
    float[] y = MetricsTest.randomLabels(r, n, 0.2);
    double[] good = new double[n];
    double[] weak = new double[n];
    for (int i = 0; i < n; i++) {
      double noise = r.nextGaussian();
      good[i] = y[i] + noise;
      weak[i] = 0.5 * y[i] + noise + 0.5 * r.nextGaussian();
    }
    Bootstrap.Result d = Bootstrap.aucDifference(y, good, weak, 300, 0.95, 4);
    assertEquals(Metrics.auc(y, good) - Metrics.auc(y, weak), d.interval().estimate(), 1e-15);
    assertTrue(d.interval().lower() > 0, "the better model wins on every resample range: " + d);
    Bootstrap.Result same = Bootstrap.aucDifference(y, good, good, 50, 0.95, 4);
    assertEquals(0, same.interval().lower(), 0);
    assertEquals(0, same.interval().upper(), 0);
    // paired: the spread of the difference is smaller than the AUC spread of the two models added up
    Bootstrap.Result a = Bootstrap.auc(y, good, 300, 0.95, 4);
    Bootstrap.Result b = Bootstrap.auc(y, weak, 300, 0.95, 4);
    assertTrue(d.interval().standardError() < Math.sqrt(a.interval().standardError() * a.interval().standardError()
        + b.interval().standardError() * b.interval().standardError()), d + " vs " + a + ", " + b);
  }

  @Test
  void undefinedResamplesAreCountedAndCancellationStops() {
    float[] y = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    double[] s = {0.9, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.05};
    Bootstrap.Result ci = Bootstrap.auc(y, s, 200, 0.95, 2);
    // the single positive is missed with probability 0.9^10 = 0.35
    assertTrue(ci.undefined() > 40 && ci.undefined() < 100, "undefined " + ci.undefined());
    assertEquals(200, ci.resamples() + ci.undefined());
    Progress p = Progress.silent();
    p.cancel();
    assertThrows(CancellationException.class, () -> Bootstrap.rows(10, 100, 0.9, 1, x -> 0, p));
    assertThrows(IllegalArgumentException.class, () -> Bootstrap.rows(10, 100, 1.5, 1, x -> 0));
  }
}

final class BootstrapTestRows {
  private BootstrapTestRows() {}

  static int[] all(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
