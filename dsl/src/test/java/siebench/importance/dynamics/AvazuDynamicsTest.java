package siebench.importance.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static siebench.importance.catalog.Estimators.el2n;
import static siebench.importance.catalog.Estimators.gradientNorm;
import static siebench.importance.catalog.Estimators.loss;

import org.junit.jupiter.api.Test;
import siebench.SharedData;
import siebench.data.Samples;
import siebench.importance.EstimationContext;
import siebench.importance.Importance;
import siebench.model.Models;
import siebench.train.CtrTask;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The estimators on real Avazu impressions (2,994 rows): every row scored, and published relations between
 * the scores hold: the full-parameter GraNd ranks rows much like EL2N (Paul et al. 2021 report the two agree
 * early in training; here |p - y| is a factor of every per-sample gradient). EL2N and loss at one checkpoint
 * are monotone transforms of each other (loss = -log(1 - EL2N)), so their rank correlation is 1 by
 * construction and only printed.
 */
class AvazuDynamicsTest {
  @Test
  void scoresOnRealImpressions() {
    Table t = Table.read().csv(CsvReadOptions.builder(SharedData.file("avazu_ctr_sample/avazu_sample.csv").toFile())
        .columnTypesPartial(name -> name.equals("click") ? java.util.Optional.of(ColumnType.INTEGER)
            : java.util.Optional.of(ColumnType.STRING)).build());
    Samples s = Samples.from(t).ignore("id", "hour");
    CtrTask task = CtrTask.ctr().model(Models.deepFm().embeddingDim(8).hidden(32, 16)).batchSize(512)
        .learningRate(5e-3);
    EstimationContext ctx = Toys.context(task, 3);
    Importance e = el2n().epochs(2).checkpoints(2).estimate(s, ctx);
    Importance l = loss().epochs(2).atEpoch(2).estimate(s, ctx);
    Importance g = gradientNorm().epochs(2).checkpoints(2).estimate(s, ctx);
    for (Importance i : new Importance[] {e, l, g}) {
      assertEquals(s.size(), i.size());
      System.out.printf("avazu %-6s %s cost %s%n", i.estimator(), i, i.cost());
    }
    double el = e.spearman(l);
    double eg = e.spearman(g);
    System.out.printf("avazu spearman(el2n, loss) %.4f  spearman(el2n, grand) %.4f%n", el, eg);
    assertTrue(eg > 0.7, "el2n vs grand " + eg);
  }
}
