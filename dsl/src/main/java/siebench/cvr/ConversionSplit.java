package siebench.cvr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import siebench.data.io.Loaders;
import siebench.data.synthetic.SyntheticData;

/**
 * Training and test impressions for conversion modelling (see {@link ConversionData}): from the synthetic
 * generator (with the oracle, the true CVR of every impression) or from an Ali-CCP directory (Ma et al. 2018,
 * "Entire Space Multi-Task Model", SIGIR; no oracle).
 *
 * @param name what the data is, for reports
 * @param train the training impressions
 * @param test the held-out impressions
 */
public record ConversionSplit(String name, ConversionData train, ConversionData test) {
  /**
   * The generator's training and clean test rows with their purchases, the oracle {@value
   * SyntheticData#TRUTH_PURCHASE_PROB} and the true click probabilities {@value SyntheticData#TRUTH_CLICK_PROB}; the data must have been generated with purchases on (the default).
   */
  public static ConversionSplit synthetic(SyntheticData data) {
    return new ConversionSplit("synthetic", synthetic(data.samples()), synthetic(data.test()));
  }

  private static ConversionData synthetic(siebench.data.Samples s) {
    if (!s.table().columnNames().contains(SyntheticData.PURCHASE)) {
      throw new IllegalArgumentException("the synthetic data has no purchases; generate it with purchases(true)");
    }
    return ConversionData.of(s, SyntheticData.CLICK, SyntheticData.PURCHASE)
        .withOracle(SyntheticData.TRUTH_PURCHASE_PROB).withPropensities(SyntheticData.TRUTH_CLICK_PROB);
  }

  /**
   * An Ali-CCP directory with one CSV whose name contains {@code train} and one whose name contains {@code
   * test} (e.g. {@code ali_ccp_train_sample.csv}, {@code ali_ccp_test_sample.csv}), read by {@link
   * Loaders#aliCcp}. A validation file, if any, is not used (the trainer does not early-stop).
   */
  public static ConversionSplit aliCcp(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("Ali-CCP: no such directory: " + dir.toAbsolutePath());
    }
    return new ConversionSplit("ali-ccp " + dir.getFileName(), aliCcpFile(dir, "train"), aliCcpFile(dir, "test"));
  }

  private static ConversionData aliCcpFile(Path dir, String part) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(".csv") && n.contains(part);
      }).sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("Ali-CCP: cannot list " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
    }
    if (files.size() != 1) {
      throw new IllegalArgumentException("Ali-CCP: expected one CSV file with '" + part + "' in its name in "
          + dir.toAbsolutePath() + ", found " + files.size() + (files.isEmpty() ? "" : " " + files));
    }
    return ConversionData.of(Loaders.aliCcp(files.get(0)), "click", "purchase");
  }

  @Override
  public String toString() {
    return name + ": train " + train.describe() + "; test " + test.describe();
  }
}
