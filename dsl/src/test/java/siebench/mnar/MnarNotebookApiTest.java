package siebench.mnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import siebench.data.RatingData;
import siebench.data.Samples;
import siebench.data.synthetic.MnarRatings;
import tech.tablesaw.api.DoubleColumn;
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

    MnarExperiment experiment = MnarExperiment.on(data).seeds(1).task(RatingTask.ratings().epochs(2));
    MarSplit split = experiment.split(data, 1);
    Samples marSample = split.marSample();
    Table byRating = PropensityEstimators.naiveBayes().byRatingTable(data, marSample);
    assertEquals(5, byRating.rowCount());
    assertEquals(3, byRating.columnCount());

    double[] truth = RatingData.propensities(data.train());
    double[] nb = PropensityEstimators.naiveBayes().estimate(data, marSample);
    double[] logistic = PropensityEstimators.logistic().estimate(data, marSample);
    double corrNb = DoubleColumn.create("a", nb).pearsons(DoubleColumn.create("b", truth));
    double corrLr = DoubleColumn.create("a", logistic).pearsons(DoubleColumn.create("b", truth));
    assertTrue(corrNb > 0 && !Double.isNaN(corrLr), corrNb + " " + corrLr);

    MnarResult one = experiment.run();
    Table single = one.table();
    assertEquals(10, single.rowCount());
    for (MnarResult.Run run : one.runs()) {
      RatingEvaluation ev = run.evaluation();
      assertTrue(ev.mse() > 0 && ev.mae() > 0 && ev.auc() > 0 && ev.ndcg() > 0, ev.toString());
    }
    CategoryChart chart = one.chart("MSE");
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
