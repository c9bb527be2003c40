package siebench.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import siebench.data.RatingData;

/** The MNAR rating generator: seeded, its recorded propensities are the ones it observed with, the test is MAR. */
class MnarRatingsTest {
  private static final MnarRatings SMALL = MnarRatings.generator().users(120).items(100).density(0.1).seed(5);

  @Test
  void sameSeedSameData() {
    MnarRatings.Generated a = SMALL.generate();
    MnarRatings.Generated b = SMALL.generate();
    assertArrayEquals(RatingData.ratings(a.data().train()), RatingData.ratings(b.data().train()));
    assertArrayEquals(RatingData.propensities(a.data().train()), RatingData.propensities(b.data().train()));
    assertArrayEquals(RatingData.items(a.data().test()), RatingData.items(b.data().test()));
    MnarRatings.Generated c = SMALL.seed(6).generate();
    assertTrue(a.data().train().size() != c.data().train().size()
        || !java.util.Arrays.equals(RatingData.items(a.data().train()), RatingData.items(c.data().train())));
  }

  @Test
  void recordsTheTruePropensitiesOfTheObservedCells() {
    MnarRatings.Generated g = SMALL.generate();
    int[] u = RatingData.users(g.data().train());
    int[] i = RatingData.items(g.data().train());
    double[] r = RatingData.ratings(g.data().train());
    double[] p = RatingData.propensities(g.data().train());
    for (int j = 0; j < u.length; j++) {
      assertEquals(g.ratings()[u[j]][i[j]], (int) r[j]);
      assertEquals(g.propensities()[u[j]][i[j]], p[j], 0.0);
    }
    // the calibrated rate gives the asked density in expectation; the draw is within 5 binomial sd
    double mean = 0;
    for (double[] row : g.propensities()) {
      for (double v : row) {
        mean += v;
      }
    }
    mean /= 120 * 100;
    assertEquals(0.1, mean, 1e-9);
    double sd = Math.sqrt(12_000 * 0.1 * 0.9);
    assertEquals(1200, u.length, 5 * sd);
  }

  @Test
  void observationFollowsSchnabelsRuleTimesPopularity() {
    MnarRatings.Generated g = SMALL.alpha(0.5).generate();
    double[][] p = g.propensities();
    int[][] r = g.ratings();
    double[] pop = g.popularity();
    // P = k * alpha^max(0, 4 - r) * pop, capped at 1: the ratio of two cells of one item is alpha^(rating steps)
    double k = Double.NaN;
    for (int u = 0; u < 120 && Double.isNaN(k); u++) {
      if (r[u][0] >= 4 && p[u][0] < 1) {
        k = p[u][0] / pop[0];
      }
    }
    for (int u = 0; u < 120; u++) {
      double expected = Math.min(1, k * Math.pow(0.5, Math.max(0, 4 - r[u][0])) * pop[0]);
      assertEquals(expected, p[u][0], 1e-12);
    }
    double popMean = java.util.Arrays.stream(pop).average().orElseThrow();
    assertEquals(1, popMean, 1e-12);
  }

  @Test
  void theTestSetIsUniformlyRandomAndTheTrainingSetIsNot() {
    MnarRatings.Generated g = MnarRatings.generator().users(200).items(150).testItemsPerUser(10).seed(11).generate();
    int[] u = RatingData.users(g.data().test());
    int[] i = RatingData.items(g.data().test());
    assertEquals(2000, u.length);
    Set<Long> cells = new HashSet<>();
    for (int j = 0; j < u.length; j++) {
      assertTrue(cells.add((long) u[j] * 150 + i[j]), "an item twice for one user");
    }
    // every cell has the same chance 10/150; the MAR mean rating estimates the full-matrix mean
    double full = 0;
    for (int[] row : g.ratings()) {
      for (int v : row) {
        full += v;
      }
    }
    full /= 200 * 150;
    double[] tr = RatingData.ratings(g.data().test());
    double testMean = java.util.Arrays.stream(tr).average().orElseThrow();
    double trainMean = java.util.Arrays.stream(RatingData.ratings(g.data().train())).average().orElseThrow();
    assertEquals(full, testMean, 0.15);
    assertTrue(trainMean > full + 0.5, "users rate what they like: observed mean " + trainMean + " vs " + full);
    // the full matrix has the asked marginal distribution
    double[] share = new double[5];
    for (int[] row : g.ratings()) {
      for (int v : row) {
        share[v - 1] += 1.0 / (200 * 150);
      }
    }
    assertArrayEquals(new double[] {0.52, 0.24, 0.14, 0.06, 0.04}, share, 1e-3);
  }

  @Test
  void rejectsBadSettings() {
    assertThrows(IllegalArgumentException.class, () -> MnarRatings.generator().alpha(0));
    assertThrows(IllegalArgumentException.class, () -> MnarRatings.generator().density(1));
    assertThrows(IllegalArgumentException.class, () -> MnarRatings.generator().ratingDistribution(0.5, 0.5));
    assertThrows(IllegalArgumentException.class, () -> MnarRatings.generator().testItemsPerUser(301));
  }
}
