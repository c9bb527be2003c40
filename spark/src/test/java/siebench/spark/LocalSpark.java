package siebench.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.synthetic.Synthetic;
import siebench.model.Models;
import siebench.train.CtrTask;
import siebench.train.TrainedModel;

/** The tests' Spark: local[2], no UI, few shuffle partitions; and a small saved DeepFM on generated clicks. */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession session() {
    return SparkSession.builder().master("local[2]").appName("siebench-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  /** Generated e-commerce clicks (seed 7), as the CLI's {@code --data synthetic --rows n} makes them. */
  static Samples clicks(int rows) {
    return Synthetic.ecommerce().rows(rows).seed(7).fakeClicks(0.0).generate().samples();
  }

  /**
   * A DeepFM (embedding 4, hidden 16) trained one epoch on 20,000 generated rows of seed 11, saved to {@code dir}:
   * the scored rows (seed 7) hold users and items it never saw.
   */
  static Path savedModel(Path dir) {
    Samples train = Synthetic.ecommerce().rows(20_000).seed(11).fakeClicks(0.0).generate().samples();
    try (TrainedModel m = train.train(CtrTask.ctr().model(Models.deepFm().embeddingDim(4).hidden(16)).epochs(1)
        .progress(Progress.silent())).model()) {
      m.save(dir);
    }
    return dir;
  }
}
