package siebench.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import siebench.core.Progress;
import siebench.data.Role;
import siebench.data.Samples;
import siebench.data.io.RawRows;
import siebench.features.EncodedCache;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.importance.Importance;
import siebench.importance.dynamics.CheckpointScores;
import siebench.train.TrainedModel;

/**
 * {@code siebench score}: scores every row of a data source with a model saved by {@code train --save} and
 * writes one CSV row per sample: {@code row_id}, the source's key columns (user, item, query, group when
 * present), the label, the predicted click probability and one column per requested score ({@link
 * CheckpointScores}: loss, EL2N, margin, GraNd of Paul et al. 2021). Categories the model never saw are
 * encoded as the out-of-vocabulary bucket and counted per column. With {@code --weights}, each score's training
 * weights as {@link Samples#reweight(siebench.data.RowImportance)} computes them, so that {@code train --weights
 * FILE:weight_NAME} trains the model the in-process {@code samples.reweight(importance)} does. With {@code
 * --stream} (Criteo files larger than memory) the rows are read from an {@link EncodedCache} range by range and
 * written as they are scored.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = {"Scores a data source with a saved model (train --save DIR) and writes per-row scores:",
        "row_id, key columns, label, prediction and the requested per-sample scores, as CSV."})
final class ScoreCommand implements Callable<Integer> {
  @Mixin
  DataOptions data;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "A model directory from train --save.")
  Path model;

  @Option(names = "--estimators", defaultValue = "loss,el2n,grand",
      description = "Comma-separated scores among loss, el2n, margin, grand, grand-last-layer "
          + "(default ${DEFAULT-VALUE}).")
  String estimators;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write.")
  Path out;

  @Option(names = "--weights", description = {"Also write weight_NAME per score: the training weights Samples.reweight "
      + "gives that score (suspicious rows down-weighted, mean 1),", "for train --weights FILE:weight_NAME."})
  boolean weights;

  static final List<Role> KEY_ROLES = List.of(Role.USER, Role.ITEM, Role.QUERY, Role.GROUP);

  @Override
  public Integer call() {
    List<String> names = CheckpointScores.parse(estimators);
    if (data.stream) {
      return streamed(names);
    }
    Samples samples = data.load();
    System.out.println("data: " + samples);
    try (TrainedModel m = TrainedModel.load(model)) {
      System.out.println("model: " + m.spec() + " from " + model);
      FeatureEncoder encoder = m.encoder();
      Map<String, Long> before = encoder.report();
      long t0 = System.nanoTime();
      EncodedData encoded = encoder.encode(samples);
      Map<String, double[]> scores = CheckpointScores.compute(m, encoded, names);
      if (weights) {
        for (String n : names) {
          Importance imp = Importance.of(n, samples, scores.get(n)).withMeaning(CheckpointScores.meaning(n));
          scores.put("weight_" + n, imp.toWeights().on(samples).scores());
        }
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      reportUnseen(before, encoder.report(), samples.size());
      write(samples, encoded, scores);
      System.out.printf("scored %,d rows (%s) in %.1fs, %,.0f rows/s; written to %s%n", samples.size(),
          String.join(", ", names), secs, samples.size() / Math.max(secs, 1e-9), out);
    }
    return 0;
  }

  /**
   * --stream: encodes the file into the binary cache with the model's encoder (or reuses the cache that train
   * --stream built with the same encoder) and scores it range by range, writing each range's rows as it goes; the
   * ranges hold whole inference batches, so the scores equal the in-memory ones.
   */
  private int streamed(List<String> names) {
    if (weights) {
      throw new IllegalArgumentException("--weights is not written with --stream: the weights normalize over all "
          + "rows in memory; score without --stream, or reweight from the written scores");
    }
    Progress progress = Progress.console();
    RawRows.Source rows = data.rows();
    try (TrainedModel m = TrainedModel.load(model)) {
      System.out.println("model: " + m.spec() + " from " + model);
      FeatureEncoder encoder = m.encoder();
      Map<String, Long> before = encoder.report();
      long t0 = System.nanoTime();
      try (EncodedCache cache = EncodedCache.open(rows, encoder, data.cacheDirectory(), progress)) {
        long n = cache.size();
        double encodeSecs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("data: %s, %,d rows; cache %s in %.1fs%n", rows.path(), n,
            cache.reused() ? "reused" : "built", encodeSecs);
        reportUnseen(before, encoder.report(), n);
        long t1 = System.nanoTime();
        createParent();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
          boolean header = true;
          long nextReport = 1_000_000;
          for (long s = 0; s < n; s += TrainedModel.SOURCE_RANGE) {
            progress.checkCancelled();
            EncodedData range = cache.read(s, (int) Math.min(TrainedModel.SOURCE_RANGE, n - s));
            Map<String, double[]> scores = CheckpointScores.compute(m, range, names);
            if (header) {
              List<String> h = new ArrayList<>(List.of(Samples.ROW_ID, "label"));
              h.addAll(scores.keySet());
              w.write(csvLine(h));
              header = false;
            }
            writeRows(w, range.rowIds(), List.of(), range.labels(), new ArrayList<>(scores.values()));
            long done = s + range.rows();
            if (done >= nextReport && done < n) {
              nextReport += 1_000_000;
              double secs = (System.nanoTime() - t1) / 1e9;
              progress.update("score " + String.join(",", names), done, n,
                  String.format("rows, %,.0f rows/s", done / secs));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        double secs = (System.nanoTime() - t1) / 1e9;
        System.out.printf("scored %,d rows (%s) in %.1fs, %,.0f rows/s; written to %s%n", n,
            String.join(", ", names), secs, n / Math.max(secs, 1e-9), out);
      }
    }
    return 0;
  }

  private void createParent() {
    try {
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + out + ": " + e.getMessage(), e);
    }
  }

  /** Prints the per-column count of values mapped to the out-of-vocabulary bucket in this encoding. */
  static void reportUnseen(Map<String, Long> before, Map<String, Long> after, long rows) {
    Map<String, Long> oov = new TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (k.startsWith("oov:") && d > 0) {
        oov.put(k.substring(4), d);
      }
    });
    if (oov.isEmpty()) {
      System.out.println("unseen categories: none");
      return;
    }
    long total = oov.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder sb = new StringBuilder();
    oov.forEach((c, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(c).append(' ')
        .append(String.format("%,d", v)));
    System.out.printf("unseen categories mapped to the OOV bucket: %,d values in %,d rows (%s)%n", total, rows, sb);
  }

  private void write(Samples samples, EncodedData encoded, Map<String, double[]> scores) {
    List<String> keys = new ArrayList<>();
    for (Role r : KEY_ROLES) {
      samples.schema().column(r).filter(c -> !keys.contains(c)).ifPresent(keys::add);
    }
    List<String[]> keyValues = new ArrayList<>();
    for (String k : keys) {
      keyValues.add(samples.strings(k));
    }
    long[] ids = samples.rowIds();
    float[] y = encoded.labels();
    try {
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        List<String> header = new ArrayList<>(List.of(Samples.ROW_ID));
        header.addAll(keys);
        header.add("label");
        header.addAll(scores.keySet());
        w.write(csvLine(header));
        writeRows(w, ids, keyValues, y, new ArrayList<>(scores.values()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  /** Writes rows: row id, key values, label and score columns. */
  private static void writeRows(BufferedWriter w, long[] ids, List<String[]> keyValues, float[] y,
      List<double[]> cols) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      sb.setLength(0);
      sb.append(ids[i]);
      for (String[] kv : keyValues) {
        String k = kv[i];
        sb.append(',').append(quote(k == null ? "" : k));
      }
      sb.append(',').append(y[i] == 1f ? "1" : y[i] == 0f ? "0" : Float.toString(y[i]));
      for (double[] c : cols) {
        sb.append(',').append(c[i]);
      }
      sb.append('\n');
      w.write(sb.toString());
    }
  }

  private static String csvLine(List<String> fields) {
    StringBuilder sb = new StringBuilder();
    for (String f : fields) {
      sb.append(sb.length() == 0 ? "" : ",").append(quote(f));
    }
    return sb.append('\n').toString();
  }

  /** RFC 4180 quoting when the value holds a comma, quote or line break. */
  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
