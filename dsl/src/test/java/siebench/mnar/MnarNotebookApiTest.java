package siebench.mnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import siebench.data.RatingData;
import siebench.data.Samples;
import siebench.data.synthetic.MnarRatings;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The calls of {@code notebooks/08-mnar-ratings.ipynb}, cell by cell, on smaller data and fewer epochs, so that
 * the notebook cannot drift from the API.
 */
class MnarNotebookApiTest {
  @Test
  void theNotebookCellsRun() {
    MnarRatings.Generated generated = MnarRatings.generator().users(80).items(60).density(0.1).seed(7).generate();
    RatingData data = generated.data();
    Table first = data.train().table().first(5);
    assertEquals(5, first.rowCount());
    double observedMean = Arrays.stream(RatingData.ratings(data.train())).average().getAsDouble();
    double marMean = Arrays.stream(RatingData.ratings(data.test())).average().getAsDouble();
    assertTrue(observedMean > marMean);

    Samples test = data.test();
    int[] perm = Samples.permutation(test.size(), 1);
    int m = (int) Math.round(0.05 * test.size());
    Samples marSample = test.rows(Arrays.copyOfRange(perm, 0, m));
    Samples evaluation = test.rows(Arrays.copyOfRange(perm, m, perm.length));
    double[] nbByRating = PropensityEstimators.naiveBayes().byRating(data, marSample);
    double[] truth = RatingData.propensities(data.train());
    double[] ratings = RatingData.ratings(data.train());
    double[] trueMean = new double[5];
    double[] count = new double[5];
    for (int j = 0; j < truth.length; j++) {
      trueMean[(int) ratings[j] - 1] += truth[j];
      count[(int) ratings[j] - 1]++;
    }
    for (int r = 0; r < 5; r++) {
      trueMean[r] /= count[r];
    }
    Table byRating = Table.create("P(O = 1 | rating)", IntColumn.create("rating", 1, 2, 3, 4, 5),
        DoubleColumn.create("naive Bayes", nbByRating), DoubleColumn.create("true (mean over observed)", trueMean));
    assertEquals(5, byRating.rowCount());

    double[] nb = PropensityEstimators.naiveBayes().estimate(data, marSample);
    double[] logistic = PropensityEstimators.logistic().estimate(data, marSample);
    double corrNb = DoubleColumn.create("a", nb).pearsons(DoubleColumn.create("b", truth));
    double corrLr = DoubleColumn.create("a", logistic).pearsons(DoubleColumn.create("b", truth));
    assertTrue(corrNb > 0 && !Double.isNaN(corrLr), corrNb + " " + corrLr);

    RatingTask task = RatingTask.ratings().epochs(2).seed(7);
    StringColumn method = StringColumn.create("method");
    StringColumn source = StringColumn.create("propensities");
    DoubleColumn mse = DoubleColumn.create("MSE");
    Map<String, double[]> propensities = new LinkedHashMap<>();
    propensities.put("true", truth);
    propensities.put("naive-bayes", nb);
    propensities.put("logistic", logistic);
    try (RatingModel model = task.fit(data)) {
      RatingEvaluation e = model.evaluate(evaluation, 5);
      method.append("naive");
      source.append("-");
      mse.append(e.mse());
    }
    for (var e : propensities.entrySet()) {
      for (RatingObjective o : List.of(RatingObjective.IPS, RatingObjective.SNIPS, RatingObjective.DOUBLY_ROBUST)) {
        try (RatingModel model = task.objective(o).fit(data, e.getValue())) {
          RatingEvaluation ev = model.evaluate(evaluation, 5);
          method.append(o.shortName());
          source.append(e.getKey());
          mse.append(ev.mse());
          assertTrue(ev.mae() > 0 && ev.auc() > 0 && ev.ndcg() > 0);
        }
      }
    }
    Table single = Table.create("one seed", method, source, mse);
    assertEquals(10, single.rowCount());
    CategoryChart chart = new CategoryChartBuilder().width(620).height(320).title("MSE").xAxisTitle("objective")
        .yAxisTitle("MSE").build();
    for (String props : List.of("true", "naive-bayes", "logistic")) {
      List<String> x = new ArrayList<>(List.of("naive"));
      List<Double> y = new ArrayList<>(List.of(mse.getDouble(0)));
      for (int r = 1; r < single.rowCount(); r++) {
        if (source.get(r).equals(props)) {
          x.add(method.get(r));
          y.add(mse.getDouble(r));
        }
      }
      chart.addSeries(props, x, y);
    }
    assertEquals(3, chart.getSeriesMap().size());

    MnarResult result = MnarExperiment.synthetic(MnarRatings.generator().users(50).items(40).density(0.1)).seeds(2)
        .task(RatingTask.ratings().epochs(2)).run();
    assertTrue(result.print().contains("dMSE vs naive"));
    Table summary = result.summary();
    assertEquals(10, summary.rowCount());
    assertEquals(2, summary.intColumn("n").getInt(0));
    assertEquals(20, result.table().rowCount());
  }
}
