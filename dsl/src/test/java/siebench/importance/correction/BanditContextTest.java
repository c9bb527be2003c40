package siebench.importance.correction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.SharedData;

class BanditContextTest {
  static final String HEADER = ",timestamp,item_id,position,click,propensity_score,user_feature_0,"
      + "user-item_affinity_0,user-item_affinity_1\n";

  @Test
  void readsUserFeaturesAndAffinities(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("log.csv");
    Files.writeString(f, HEADER + "0,t,1,1,0,0.5,abc,0.0,2.0\n1,t,0,2,1,0.5,xyz,1.0,0.0\n2,t,0,3,0,0.5,abc,0,0\n");
    BanditLog log = BanditLog.read(f);
    BanditContext c = log.context();
    assertEquals(List.of("user_feature_0"), c.featureNames());
    assertArrayEquals(new int[] {2}, c.vocabularySizes());
    assertEquals(0, c.features()[0][0]);
    assertEquals(1, c.features()[1][0]);
    assertEquals(0, c.features()[2][0]);
    assertEquals(2, c.affinityItems());
    assertArrayEquals(new double[] {0, 2}, c.affinity()[0]);
    assertArrayEquals(new double[] {1, 0}, c.affinity()[1]);
  }

  @Test
  void badContextNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, HEADER + "0,t,1,1,0,0.5,abc,0.0,2.0\n1,t,0,2,1,0.5,xyz,high,0.0\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BanditLog.read(f));
    assertTrue(e.getMessage().contains("bad.csv:3:8 (user-item_affinity_0): expected a number, got 'high'"),
        e.getMessage());
    Files.writeString(f, ",item_id,position,click,propensity_score,user-item_affinity_0,user-item_affinity_2\n");
    e = assertThrows(IllegalArgumentException.class, () -> BanditLog.read(f));
    assertTrue(e.getMessage().contains("bad.csv:1: affinity columns cover items [0, 2]"), e.getMessage());
  }

  @Test
  void openBanditSampleHasFourUserFeaturesAnd34Affinities() {
    BanditLog bts = BanditLog.read(SharedData.file("open_bandit_dataset_zozotown/bts/men.csv"));
    assertEquals(4, bts.context().featureNames().size());
    assertEquals(34, bts.context().affinityItems());
    assertEquals(10000, bts.context().rows());
  }
}
