package siebench.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.data.RatingData;
import siebench.data.Role;
import siebench.data.synthetic.MnarRatings;

/**
 * The MNAR benchmark layout (train.ascii, test.ascii, propensities.ascii, one-hot features): a generated matrix
 * written in the layout reads back cell by cell, and broken files fail with file, line, column and what was
 * expected.
 */
class RatingMatricesTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) {
    Path p = dir.resolve(name);
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** A dense matrix as the benchmark files write it: one line per row, values separated by spaces. */
  private static String ascii(int rows, int cols, java.util.function.BiFunction<Integer, Integer, String> cell) {
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        sb.append(c == 0 ? "" : " ").append(cell.apply(r, c));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  @Test
  void roundTripsAGeneratedMatrix() {
    MnarRatings.Generated g = MnarRatings.generator().users(30).items(20).density(0.2).testItemsPerUser(4).seed(3)
        .generate();
    int users = 30;
    int items = 20;
    int[][] train = new int[users][items];
    int[] tu = RatingData.users(g.data().train());
    int[] ti = RatingData.items(g.data().train());
    double[] tr = RatingData.ratings(g.data().train());
    for (int j = 0; j < tu.length; j++) {
      train[tu[j]][ti[j]] = (int) tr[j];
    }
    int[][] test = new int[users][items];
    int[] su = RatingData.users(g.data().test());
    int[] si = RatingData.items(g.data().test());
    double[] sr = RatingData.ratings(g.data().test());
    for (int j = 0; j < su.length; j++) {
      test[su[j]][si[j]] = (int) sr[j];
    }
    write("train.ascii", ascii(users, items, (u, i) -> Integer.toString(train[u][i])));
    write("test.ascii", ascii(users, items, (u, i) -> Integer.toString(test[u][i])));
    write("propensities.ascii", ascii(users, items, (u, i) -> String.format(Locale.ROOT, "%.17g",
        g.propensities()[u][i])));

    RatingData read = RatingMatrices.read(dir);
    assertEquals(users, read.users());
    assertEquals(items, read.items());
    assertEquals(g.data().train().size(), read.train().size());
    assertEquals(g.data().test().size(), read.test().size());
    int[] ru = RatingData.users(read.train());
    int[] ri = RatingData.items(read.train());
    double[] rr = RatingData.ratings(read.train());
    double[] rp = RatingData.propensities(read.train());
    for (int j = 0; j < ru.length; j++) {
      assertEquals(train[ru[j]][ri[j]], (int) rr[j]);
      assertEquals(g.propensities()[ru[j]][ri[j]], rp[j], 0.0);
      assertEquals(rr[j] >= 4 ? 1f : 0f, read.train().labels()[j]);
    }
    int[] qu = RatingData.users(read.test());
    int[] qi = RatingData.items(read.test());
    double[] qr = RatingData.ratings(read.test());
    for (int j = 0; j < qu.length; j++) {
      assertEquals(g.ratings()[qu[j]][qi[j]], (int) qr[j]);
    }
    assertEquals(RatingData.USER, read.train().schema().column(Role.USER).orElseThrow());
    assertEquals(RatingData.ITEM, read.train().schema().column(Role.ITEM).orElseThrow());
    assertFalse(read.train().schema().features().contains(RatingData.RATING), "the rating is the target");
    assertFalse(read.train().schema().features().contains(RatingData.PROPENSITY));
    assertFalse(RatingData.hasPropensities(read.test()));
  }

  @Test
  void oneHotFeaturesBecomeOneCategoricalColumnPerGroup() {
    write("train.ascii", "5 0 3\n0 1 0\n");
    write("test.ascii", "0 2 0\n4 0 0\n");
    write("user_item_features/user_features.ascii", "1 0 0 1\n0 1 0 0\n");
    write("user_item_features/user_features_map.txt", "gender:men\ngender:women\nage:20-30\nage:30-40\n");
    write("user_item_features/item_features.ascii", "1\n0\n1\n");
    write("user_item_features/item_features_map.txt", "type:jacket\n");
    RatingData d = RatingMatrices.read(dir);
    assertEquals(3, d.train().size());
    assertEquals(java.util.List.of("user_gender", "user_age", "item_type"), RatingData.featureColumns(d.train()));
    String[] gender = d.train().strings("user_gender");
    String[] age = d.train().strings("user_age");
    String[] type = d.train().strings("item_type");
    // train rows in matrix order: (0,0)=5, (0,2)=3, (1,1)=1
    assertEquals("men", gender[0]);
    assertEquals("30-40", age[0]);
    assertEquals("women", gender[2]);
    assertEquals(RatingMatrices.NONE, age[2]);
    assertEquals("jacket", type[0]);
    assertEquals("jacket", type[1]);
    assertEquals(RatingMatrices.NONE, type[2]);
    assertEquals("men", d.test().strings("user_gender")[0]);
  }

  private LoadException failure() {
    return assertThrows(LoadException.class, () -> RatingMatrices.read(dir));
  }

  @Test
  void aRatingOutsideTheScaleNamesFileLineAndColumn() {
    write("train.ascii", "1 2 3\n4 7 0\n");
    write("test.ascii", "1 0 0\n0 0 1\n");
    LoadException e = failure();
    assertTrue(e.getMessage().startsWith("train.ascii:2:2: "), e.getMessage());
    assertTrue(e.getMessage().contains("expected a rating 1..5 or 0"), e.getMessage());
    assertEquals(2, e.line());
    assertEquals(2, e.column());
  }

  @Test
  void aWordWhereARatingShouldBe() {
    write("train.ascii", "1 2 3\n4 x 0\n");
    write("test.ascii", "1 0 0\n0 0 1\n");
    assertTrue(failure().getMessage().contains("train.ascii:2:2: expected a rating 1..5 or 0 (unobserved), got 'x'"));
  }

  @Test
  void aShortLine() {
    write("train.ascii", "1 2 3\n4 5\n");
    write("test.ascii", "1 0 0\n0 0 1\n");
    LoadException e = failure();
    assertTrue(e.getMessage().startsWith("train.ascii:2:3: expected 3 values on every line"), e.getMessage());
  }

  @Test
  void aTestMatrixOfAnotherShape() {
    write("train.ascii", "1 2 3\n4 5 0\n");
    write("test.ascii", "1 0 0\n0 0 1\n1 1 1\n");
    LoadException e = failure();
    assertTrue(e.getMessage().startsWith("test.ascii:"), e.getMessage());
    assertTrue(e.getMessage().contains("expected 2 lines"), e.getMessage());
  }

  @Test
  void aMissingTestFile() {
    write("train.ascii", "1 2 3\n");
    assertTrue(failure().getMessage().startsWith("test.ascii: no such file"));
  }

  @Test
  void aZeroPropensityOfAnObservedRating() {
    write("train.ascii", "1 0\n0 5\n");
    write("test.ascii", "1 0\n0 2\n");
    write("propensities.ascii", "0.5 0.1\n0.2 0\n");
    LoadException e = failure();
    assertTrue(e.getMessage().startsWith("propensities.ascii:2:2: expected a propensity in (0, 1]"), e.getMessage());
  }

  @Test
  void twoOnesInOneFeatureGroup() {
    write("train.ascii", "1 0\n0 5\n");
    write("test.ascii", "1 0\n0 2\n");
    write("user_features.ascii", "1 0\n1 1\n");
    write("user_features_map.txt", "gender:men\ngender:women\n");
    LoadException e = failure();
    assertTrue(e.getMessage().startsWith("user_features.ascii:2:2: expected one 1 in group 'gender'"),
        e.getMessage());
  }

  @Test
  void aFeatureMapLineWithoutGroup() {
    write("train.ascii", "1 0\n0 5\n");
    write("test.ascii", "1 0\n0 2\n");
    write("item_features.ascii", "1\n0\n");
    write("item_features_map.txt", "jacket\n");
    LoadException e = failure();
    assertTrue(e.getMessage().startsWith("item_features_map.txt:1:1: expected 'group:value'"), e.getMessage());
  }

  @Test
  void aFeatureMatrixWithoutItsMap() {
    write("train.ascii", "1 0\n0 5\n");
    write("test.ascii", "1 0\n0 2\n");
    write("item_features.ascii", "1\n0\n");
    assertTrue(failure().getMessage().contains("item_features_map.txt; both are needed"));
  }
}
