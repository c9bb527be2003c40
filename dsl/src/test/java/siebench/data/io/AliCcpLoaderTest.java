package siebench.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.SharedData;
import siebench.data.Role;
import siebench.data.Samples;

/** The Ali-CCP loader on the shared sample and on broken files. */
class AliCcpLoaderTest {
  @TempDir
  Path dir;

  @Test
  void readsTheSharedSampleWithClicksPurchasesAndRoles() {
    Path file = SharedData.file("ali_ccp_tiny/ali_ccp_train_sample.csv");
    Loaded l = Loaders.readAliCcp(file, MissingValues.KEEP);
    Samples s = l.samples();
    assertEquals(100, s.size());
    assertEquals("click", s.schema().label());
    float sum = 0;
    for (float v : s.labels()) {
      sum += v;
    }
    assertEquals(7, sum); // the README's counts
    assertEquals(1, java.util.Arrays.stream(s.doubles("purchase")).sum());
    assertEquals("301", s.schema().column(Role.POSITION).orElseThrow());
    assertTrue(s.schema().categorical().contains("205"), "item id is categorical");
    assertTrue(s.schema().numeric().contains("D508"), "dense columns are numeric");
    assertTrue(!s.schema().categorical().contains("purchase") && !s.schema().numeric().contains("purchase"),
        "purchase is not a feature");
  }

  @Test
  void aPurchaseWithoutAClickNamesFileLineAndColumn() throws IOException {
    Path f = dir.resolve("ali.csv");
    Files.writeString(f, "click,purchase,101,D508\n1,1,3,0.5\n0,1,4,0.2\n");
    LoadException e = assertThrows(LoadException.class, () -> Loaders.aliCcp(f));
    assertTrue(e.getMessage().startsWith("ali.csv:3:2 (purchase): "), e.getMessage());
    assertTrue(e.getMessage().contains("without a click"), e.getMessage());
  }

  @Test
  void badPurchaseValuesAndMissingColumnsAreErrors() throws IOException {
    Path f = dir.resolve("ali.csv");
    Files.writeString(f, "click,purchase,101\n1,2,3\n");
    LoadException e = assertThrows(LoadException.class, () -> Loaders.aliCcp(f));
    assertTrue(e.getMessage().startsWith("ali.csv:2:2 (purchase): expected 0 or 1"), e.getMessage());
    Path g = dir.resolve("nopurchase.csv");
    Files.writeString(g, "click,101\n1,3\n");
    e = assertThrows(LoadException.class, () -> Loaders.aliCcp(g));
    assertTrue(e.getMessage().startsWith("nopurchase.csv:1 (purchase): not an Ali-CCP file"), e.getMessage());
  }
}
