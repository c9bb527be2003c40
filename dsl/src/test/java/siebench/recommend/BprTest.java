package siebench.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.implicit.ImplicitSamples;
import siebench.data.implicit.NegativeSampler;
import siebench.data.implicit.PlantedCommunities;
import siebench.model.Models;

/** BPR (Rendle et al. 2009) as a training objective of GMF on sampled negatives. */
class BprTest {
  @Test
  void groupsHoldOnePositiveAndTheNegativesDrawnForItsUser() {
    Samples s = ImplicitSamples.defaults().negatives(NegativeSampler.uniform(), 3).seed(4).groupedByPositive()
        .build(PlantedCommunities.communities(1));
    String[] g = s.strings(ImplicitSamples.POSITIVE_GROUP);
    String[] u = s.strings(ImplicitSamples.USER);
    float[] y = s.labels();
    Map<String, int[]> counts = new HashMap<>();
    for (int r = 0; r < g.length; r++) {
      counts.computeIfAbsent(g[r], k -> new int[2])[y[r] > 0 ? 0 : 1]++;
      int positive = Integer.parseInt(g[r]); // the positive rows come first, so a group's id is its positive's row
      assertEquals(1f, y[positive], "row " + r);
      assertEquals(u[positive], u[r], "row " + r);
    }
    assertEquals(480, counts.size());
    for (int[] c : counts.values()) {
      assertEquals(1, c[0]);
      assertEquals(3, c[1]);
    }
    // the same negatives as without grouping
    Samples plain = ImplicitSamples.defaults().negatives(NegativeSampler.uniform(), 3).seed(4)
        .build(PlantedCommunities.communities(1));
    assertEquals(List.of(plain.strings(ImplicitSamples.ITEM)), List.of(s.strings(ImplicitSamples.ITEM)));
  }

  @Test
  void gmfTrainedWithBprFindsTheCommunitiesThatPopularityCannot() {
    ImplicitBenchmark.Config c = new ImplicitBenchmark.Config("loo", List.of(Models.gmf().embeddingDim(8)),
        List.of("normal", "bpr"), 2, 30, 64, 0.01, 2, NegativeSampler.uniform(), new int[] {5}, 0, 0.1, 0, 0.25,
        true, null);
    ImplicitBenchmark.Result r = ImplicitBenchmark.run(PlantedCommunities.communities(2), c, Progress.silent());
    double bpr = r.row("gmf", "bpr", "recall@5").interval().mean();
    double pop = r.row("popularity", "-", "recall@5").interval().mean();
    double random = r.row("random", "-", "recall@5").interval().mean();
    // within its community a user has 12 unseen items of which one is held out: 5/12 at best by community alone
    assertTrue(bpr > 0.3, "GMF-BPR recall@5 " + bpr);
    assertTrue(bpr > pop + 0.1, "GMF-BPR " + bpr + " vs popularity " + pop);
    assertTrue(bpr > random + 0.1, "GMF-BPR " + bpr + " vs random " + random);
    assertTrue(r.format().contains("bpr-N"));
  }
}
