package siebench.data.io;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import siebench.SharedData;

class TimingScratchTest {
  @Test
  void time() {
    Path dir = SharedData.file("movielens_latest_small");
    for (int k = 0; k < 3; k++) {
      long t0 = System.nanoTime();
      DelimitedReader.Parsed p = DelimitedReader.read(dir.resolve("ratings.csv"), CsvOptions.csv());
      long t1 = System.nanoTime();
      Loaded l = Loaders.readMovieLens(dir, 4.0, MissingValues.KEEP);
      long t2 = System.nanoTime();
      System.out.println("parse " + (t1 - t0) / 1e6 + " ms, full " + (t2 - t1) / 1e6 + " ms");
    }
  }
}
