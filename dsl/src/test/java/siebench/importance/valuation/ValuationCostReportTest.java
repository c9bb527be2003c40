package siebench.importance.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.importance.catalog.Estimators;
import siebench.SharedData;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.importance.ImportanceEstimator;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Prints the cost of every valuation estimator on the Criteo sample (1,499 training x 500 validation rows).
 * Opt-in: {@code -Dsiebench.scale=true}.
 */
class ValuationCostReportTest {
  @Test
  void costs() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("siebench.scale"), "opt-in with -Dsiebench.scale=true");
    java.nio.file.Path f = SharedData.file("criteo_display_ads_sample/criteo_train_tiny.csv");
    Table raw = Table.read().usingOptions(CsvReadOptions.builder(f.toFile()).columnTypes(name ->
        name.startsWith("C") ? ColumnType.STRING : name.equals("Label") ? ColumnType.INTEGER : ColumnType.DOUBLE));
    String[] ints = new String[13];
    for (int i = 0; i < 13; i++) {
      ints[i] = "I" + (i + 1);
    }
    Samples all = Samples.from(raw).label("Label").ignore("Id").numeric(ints);
    Split sp = all.split(0.75, 7);
    EstimationContext ctx = EstimationContext.defaults().validation(sp.test()).progress(Progress.silent());
    Samples small = sp.train().rows(java.util.stream.IntStream.range(0, 300).toArray());
    Object[][] runs = {
        {Estimators.knnShapley(), sp.train()},
        {Estimators.tmcShapley().maxPermutations(200), small},
        {Estimators.banzhaf().samples(500), sp.train()},
        {Estimators.dataOob(), sp.train()},
        {Estimators.confidentLearning(), sp.train()},
        {Estimators.leaveOneOut(), sp.train()},
        {Estimators.crossValidatedResidual(), sp.train()},
        {Estimators.classBalance(), sp.train()},
        {Estimators.random(), sp.train()}};
    for (Object[] r : runs) {
      ImportanceEstimator e = (ImportanceEstimator) r[0];
      Samples s = (Samples) r[1];
      Importance imp = e.estimate(s, ctx);
      assertEquals(s.size(), imp.size());
      Importance.Cost c = imp.cost();
      System.out.printf("%-20s %5d rows  %7d ms  %6.1f MB heap  %6d fits  %9d evaluations  %s%n", e.name(), s.size(),
          c.wallMillis(), c.peakMemoryBytes() / 1e6, c.trainings(), c.gradientEvaluations(), imp.parameters());
    }
  }
}
