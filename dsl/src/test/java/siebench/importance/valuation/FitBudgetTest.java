package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.importance.EstimationContext;
import siebench.importance.ImportanceEstimator;

/** The retraining valuations state their cost, refuse above their budget and report every step. */
class FitBudgetTest {
  /** Remembers every update. */
  static class Recording extends Progress {
    final List<String> updates = new ArrayList<>();
    final List<Long> done = new ArrayList<>();

    @Override
    public synchronized void update(String task, long d, long total, String message) {
      updates.add(task + " " + d + "/" + total + " " + message);
      done.add(d);
    }

    long count(String task, String message) {
      return updates.stream().filter(u -> u.startsWith(task + " ") && u.endsWith(message)).count();
    }
  }

  private static EstimationContext context(Samples validation, Progress p) {
    return EstimationContext.defaults().validation(validation).progress(p);
  }

  private static void assertRefusal(ImportanceEstimator e, Samples train, EstimationContext ctx, String... names) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.estimate(train, ctx));
    String m = ex.getMessage();
    assertTrue(m.startsWith(e.name() + " would "), m);
    assertTrue(m.contains("above the budget"), m);
    for (String name : names) {
      assertTrue(m.contains(name), "names " + name + ": " + m);
    }
  }

  @Test
  void aTinyFitBudgetRefusesBeforeFittingAndNamesTheCheaperEstimators() {
    Split sp = Toys.blobs(60, 2, 3).split(0.5, 1);
    Recording p = new Recording();
    EstimationContext ctx = context(sp.test(), p);
    assertRefusal(TmcShapley.defaults().maxPermutations(10).maxFits(50), sp.train(), ctx, "knn-shapley", "data-oob",
        "loss", "tmcShapley().maxFits(");
    assertRefusal(DataBanzhaf.defaults().samples(100).maxFits(50), sp.train(), ctx, "knn-shapley", "data-oob", "loss",
        "banzhaf().maxFits(101)");
    assertRefusal(DataOob.defaults().learners(100).maxFits(50), sp.train(), ctx, "knn-shapley", "loss",
        "dataOob().maxFits(100)");
    assertTrue(p.updates.isEmpty(), "refused before any fit: " + p.updates);
  }

  @Test
  void aTinyTimeBudgetRefusesAfterTimingThreeFits() {
    Split sp = Toys.blobs(60, 2, 3).split(0.5, 1);
    Recording p = new Recording();
    EstimationContext ctx = context(sp.test(), p);
    // one nanosecond: any timed fit extrapolates above it
    assertRefusal(TmcShapley.defaults().maxPermutations(10).maxSeconds(1e-9), sp.train(), ctx, "knn-shapley",
        "data-oob", "loss");
    assertRefusal(DataBanzhaf.defaults().samples(100).maxSeconds(1e-9), sp.train(), ctx, "knn-shapley", "data-oob");
    assertRefusal(DataOob.defaults().learners(20).maxSeconds(1e-9), sp.train(), ctx, "knn-shapley", "loss");
    assertEquals(3, p.updates.stream().filter(u -> u.contains("cost estimate: up to ")).count(), p.updates.toString());
    // over the budget, the estimate is re-timed on warm fits before the refusal
    assertEquals(3, p.updates.stream().filter(u -> u.contains("(fastest of 3 timed fits on ")).count(),
        p.updates.toString());
  }

  @Test
  void progressIsReportedPerPermutationSubsetAndLearner() {
    Split sp = Toys.blobs(40, 2, 5).split(0.5, 2);
    Recording tmc = new Recording();
    TmcShapley.defaults().truncation(0).convergence(0).maxPermutations(7).estimate(sp.train(), context(sp.test(), tmc));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), tmc.done.subList(1, tmc.done.size()), tmc.updates.toString());
    assertTrue(tmc.updates.get(0).contains("cost estimate: up to "
        + (2 + 7 * (sp.train().size() - 1)) + " fits"), tmc.updates.get(0));
    // within the budget, one timed fit is enough
    assertTrue(tmc.updates.get(0).contains("(fastest of 1 timed fit on "), tmc.updates.get(0));

    Recording banzhaf = new Recording();
    DataBanzhaf.defaults().samples(9).estimate(sp.train(), context(sp.test(), banzhaf));
    assertEquals(9, banzhaf.count("data-banzhaf", "subsets"), banzhaf.updates.toString());

    Recording oob = new Recording();
    DataOob.defaults().learners(6).estimate(sp.train(), context(sp.test(), oob));
    assertEquals(6, oob.count("data-oob", "bootstrap learners"), oob.updates.toString());
  }

  @Test
  void cancellationStopsThePermutations() {
    Split sp = Toys.blobs(40, 2, 5).split(0.5, 2);
    Recording p = new Recording() {
      @Override
      public synchronized void update(String task, long d, long total, String message) {
        super.update(task, d, total, message);
        if (d == 2) {
          cancel();
        }
      }
    };
    assertThrows(CancellationException.class, () -> TmcShapley.defaults().truncation(0).convergence(0)
        .maxPermutations(50).estimate(sp.train(), context(sp.test(), p)));
    assertEquals(2L, p.done.get(p.done.size() - 1), p.updates.toString());
  }
}
