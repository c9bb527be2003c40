package siebench.cvr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import siebench.data.synthetic.Synthetic;

/** Training every objective on the generator's purchases and on the Ali-CCP sample, end to end. */
class CvrTrainingTest {
  private static ConversionSplit split;

  @BeforeAll
  static void data() {
    split = ConversionSplit.synthetic(Synthetic.ecommerce().rows(6000).seed(11).generate());
  }

  private static CvrTask small() {
    return CvrTask.cvr().embeddingDim(8).hidden(16).epochs(1).batchSize(512).device("cpu");
  }

  @Test
  void everyObjectiveIsSeededAndReproducible() {
    for (CvrObjective o : CvrObjectives.parse("naive,esmm,ips,dr", 0.05)) {
      CvrPredictions a;
      CvrPredictions b;
      CvrPredictions c;
      try (CvrModel m = small().objective(o).seed(5).fit(split.train())) {
        a = m.predict(split.test());
      }
      try (CvrModel m = small().objective(o).seed(5).fit(split.train())) {
        b = m.predict(split.test());
      }
      try (CvrModel m = small().objective(o).seed(6).fit(split.train())) {
        c = m.predict(split.test());
      }
      assertArrayEquals(a.cvr(), b.cvr(), 1e-7, o.name());
      assertArrayEquals(a.ctr(), b.ctr(), 1e-7, o.name());
      assertFalse(Arrays.equals(a.cvr(), c.cvr()), o.name() + ": another seed, another model");
    }
  }

  @Test
  void predictionsAreProbabilitiesWithCtcvrTheProduct() {
    try (CvrModel m = small().objective(CvrObjectives.esmm()).seed(1).fit(split.train())) {
      CvrPredictions p = m.predict(split.test());
      assertEquals(split.test().size(), p.size());
      for (int i = 0; i < p.size(); i++) {
        assertTrue(p.ctr()[i] > 0 && p.ctr()[i] < 1 && p.cvr()[i] > 0 && p.cvr()[i] < 1);
        assertEquals(p.ctr()[i] * p.cvr()[i], p.ctcvr()[i], 1e-15);
      }
    }
  }

  @Test
  void theGeneratorHasSelectionBiasAndTheNaiveModelInheritsIt() {
    ConversionData train = split.train();
    double clickedCvr = 0;
    for (int i = 0; i < train.size(); i++) {
      clickedCvr += train.clicks()[i] * train.trueCvr()[i];
    }
    clickedCvr /= train.clickCount();
    double allCvr = Arrays.stream(train.trueCvr()).average().orElseThrow();
    assertTrue(clickedCvr > allCvr + 0.05, "clicked impressions convert more: " + clickedCvr + " vs " + allCvr);
    try (CvrModel m = small().epochs(2).seed(1).fit(train)) {
      double bias = CvrEvaluation.of(split.test(), m.predict(split.test())).get(CvrEvaluation.CVR_BIAS);
      assertTrue(bias > 0.05, "naive CVR over-estimates the entire-space mean: bias " + bias);
    }
  }

  @Test
  void comparisonRunsEveryObjectiveOnTheSameSplits() {
    int[] calls = {0};
    CvrComparisonResult r = CvrComparison.of(CvrObjectives.naive(), CvrObjectives.esmm()).task(small()).seeds(2)
        .run(seed -> {
          calls[0]++;
          return split;
        });
    assertEquals(2, calls[0], "one split per seed, shared by the objectives");
    assertEquals(java.util.List.of(1L, 2L), r.seeds());
    assertEquals(2, r.values("esmm", CvrEvaluation.CVR_BIAS).length);
    double[] d = r.differences("esmm", CvrEvaluation.CVR_BIAS);
    for (int k = 0; k < 2; k++) {
      assertEquals(r.values("esmm", CvrEvaluation.CVR_BIAS)[k] - r.values("naive", CvrEvaluation.CVR_BIAS)[k], d[k],
          1e-15);
    }
    assertTrue(r.print().contains("difference to naive"), r.print());
    assertEquals(3 * 7, r.summary().rowCount()); // naive, esmm and the truth
    assertTrue(r.hasTruth() && r.values(CvrComparisonResult.TRUTH, CvrEvaluation.CVR_BIAS)[0] == 0.0);
  }
}
