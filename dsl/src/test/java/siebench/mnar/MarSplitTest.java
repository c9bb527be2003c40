package siebench.mnar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import siebench.data.RatingData;
import siebench.data.Samples;
import siebench.data.synthetic.MnarRatings;
import tech.tablesaw.api.Table;

/** The MAR sample / evaluation split, and that MnarExperiment hands the estimators exactly that sample. */
class MarSplitTest {
  /** 200 MAR ratings whose user index is the row number, so rows can be told apart. */
  private static Samples marTest(int n) {
    int[] users = IntStream.range(0, n).toArray();
    int[] items = new int[n];
    int[] ratings = IntStream.range(0, n).map(i -> 1 + i % 5).toArray();
    return RatingData.samples("mar", users, items, ratings, null, List.of());
  }

  private static int[] ids(Samples s) {
    return Arrays.stream(RatingData.users(s)).sorted().toArray();
  }

  @Test
  void aSeededDisjointSplitOfTheRequestedSize() {
    Samples test = marTest(200);
    MarSplit a = MarSplit.of(test, 0.05, 3);
    assertEquals(10, a.marSample().size());
    assertEquals(190, a.evaluation().size());
    int[] all = IntStream.concat(Arrays.stream(ids(a.marSample())), Arrays.stream(ids(a.evaluation()))).sorted()
        .toArray();
    assertArrayEquals(IntStream.range(0, 200).toArray(), all, "disjoint and complete");
    // the first rows of the seeded permutation are the sample
    int[] perm = Samples.permutation(200, 3);
    assertArrayEquals(Arrays.stream(Arrays.copyOf(perm, 10)).sorted().toArray(), ids(a.marSample()));
    assertArrayEquals(ids(a.marSample()), ids(MarSplit.of(test, 0.05, 3).marSample()));
    assertNotEquals(Arrays.toString(ids(a.marSample())), Arrays.toString(ids(MarSplit.of(test, 0.05, 4).marSample())));
    assertEquals(1, MarSplit.of(marTest(5), 0.01, 1).marSample().size(), "at least one row");
  }

  @Test
  void badInputIsRejectedWithAClearMessage() {
    Samples test = marTest(10);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MarSplit.of(test, 1.0, 1)).getMessage()
        .contains("must be in (0, 1)"));
    assertThrows(IllegalArgumentException.class, () -> MarSplit.of(test, 0, 1));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MarSplit.of(marTest(1), 0.5, 1)).getMessage()
        .contains("too small"));
  }

  @Test
  void theExperimentGivesTheEstimatorsTheSampleOfItsSplit() {
    RatingData data = MnarRatings.generator().users(30).items(20).density(0.2).seed(2).generate().data();
    List<Samples> seen = new ArrayList<>();
    PropensityEstimator recording = new PropensityEstimator() {
      @Override
      public String name() {
        return "recording";
      }

      @Override
      public double[] estimate(RatingData d, Samples marSample) {
        seen.add(marSample);
        return PropensityEstimators.naiveBayes().estimate(d, marSample);
      }
    };
    MnarExperiment experiment = MnarExperiment.on(data).seeds(2).propensities(recording)
        .objectives(RatingObjective.IPS).task(RatingTask.ratings().epochs(1));
    MnarResult result = experiment.run();
    assertEquals(2, seen.size());
    for (int seed = 1; seed <= 2; seed++) {
      Table expected = experiment.split(data, seed).marSample().table();
      Table got = seen.get(seed - 1).table();
      assertEquals(expected.rowCount(), got.rowCount());
      assertArrayEquals(expected.intColumn(RatingData.USER).asIntArray(), got.intColumn(RatingData.USER).asIntArray());
      assertArrayEquals(expected.intColumn(RatingData.ITEM).asIntArray(), got.intColumn(RatingData.ITEM).asIntArray());
    }
    assertEquals(4, result.runs().size(), "naive and IPS per seed");
  }
}
