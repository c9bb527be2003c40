package siebench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import siebench.data.Samples;
import siebench.data.io.CriteoRows;
import siebench.data.io.CsvOptions;
import siebench.data.io.Loaders;
import siebench.data.io.RawRows;
import siebench.data.synthetic.BehaviorSequences;
import siebench.data.synthetic.EcommerceGenerator;
import siebench.data.synthetic.Synthetic;

/** The {@code --data} option shared by the subcommands, and how it becomes {@link Samples}. */
final class DataOptions {
  @Option(names = "--data", defaultValue = "synthetic", paramLabel = "SOURCE",
      description = {"synthetic (default), synthetic-sequences (behaviour histories, for din/bst), csv:PATH, tsv:PATH,",
          "criteo:PATH, avazu:PATH, movielens:DIR, taobao:PATH (UserBehavior), obd:PATH (Open Bandit Dataset policy",
          "CSV) or implicit:PATH (a positives-only log, see siebench implicit: every distinct user-item pair plus one",
          "seeded uniform negative; with purchase events, clicks without purchase are the ground-truth noisy",
          "positives)."})
  String source;

  @Option(names = "--rows",
      description = "Rows to generate for synthetic data (default 200000 for train, 100000 for bench).")
  Integer rows;

  @Option(names = "--label", description = "Label column for csv/tsv data (inferred when omitted).")
  String label;

  @Option(names = "--fake-clicks", paramLabel = "RATE",
      description = {"Synthetic data: share of non-clicks turned into fake clicks, recorded as ground truth",
          "(default 0; 0.1 for bench protocols scored against corruption ground truth)."})
  Double fakeClicks;

  @Option(names = "--ranker-popularity", paramLabel = "WEIGHT",
      description = "Synthetic data: weight of item popularity in the logging ranker's score (default 3; 0 ranks by "
          + "noisy relevance alone, as the generator did before 2026-12).")
  Double rankerPopularity;

  @Option(names = "--rating-threshold", defaultValue = "4.0",
      description = "MovieLens: a rating >= this is a positive (default ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--seed", defaultValue = "7",
      description = "Seed for data generation and splits (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--stream",
      description = {"Read criteo:PATH row by row instead of as a table, for files larger than memory: the encoder",
          "is fitted in one pass and rows are encoded once into a memory-mapped binary cache (see --cache), from",
          "which train and score read range by range. train then uses every row of --data (no validation or test",
          "split; test with --test SOURCE) and a chunked approximate shuffle."})
  boolean stream;

  @Option(names = "--cache", paramLabel = "DIR",
      description = {"With --stream: the cache directory (default: PATH.siebench-cache beside the file). Reused while",
          "the file (path, size, modification time) and the encoder are unchanged, rebuilt otherwise."})
  Path cache;

  /** The --data file as rows for streaming (criteo:PATH only). */
  RawRows.Source rows() {
    String kind = source.contains(":") ? source.substring(0, source.indexOf(':')) : source;
    if (!kind.equals("criteo")) {
      throw new IllegalArgumentException("--stream reads criteo:PATH files; '" + source + "' loads as a table "
          + "(drop --stream)");
    }
    return CriteoRows.file(existing(source.substring(source.indexOf(':') + 1)));
  }

  /** The --cache directory, or PATH.siebench-cache beside the --data file. */
  Path cacheDirectory() {
    if (cache != null) {
      return cache;
    }
    Path file = Path.of(source.substring(source.indexOf(':') + 1)).toAbsolutePath();
    return file.resolveSibling(file.getFileName() + ".siebench-cache");
  }

  Samples load() {
    if (stream) {
      throw new IllegalArgumentException("--stream is read by train and score only; this command loads --data as a "
          + "table");
    }
    String kind = source.contains(":") ? source.substring(0, source.indexOf(':')) : source;
    String path = source.contains(":") ? source.substring(source.indexOf(':') + 1) : null;
    Samples s = switch (kind) {
      case "synthetic" -> synthetic().generate().samples();
      case "synthetic-sequences" -> BehaviorSequences.defaults().rows(rows == null ? 100_000 : rows).seed(seed)
          .generate();
      case "csv" -> label == null ? Loaders.csv(existing(path))
          : Loaders.csv(existing(path), CsvOptions.csv().label(label));
      case "tsv" -> label == null ? Loaders.tsv(existing(path))
          : Loaders.csv(existing(path), CsvOptions.tsv().label(label));
      case "criteo" -> Loaders.criteo(existing(path));
      case "avazu" -> Loaders.avazu(existing(path));
      case "movielens" -> Loaders.movieLens(existing(path), threshold);
      case "taobao" -> Loaders.taobaoUserBehavior(existing(path));
      case "obd" -> Loaders.openBandit(existing(path));
      case "implicit" -> siebench.data.implicit.ImplicitSamples.of(
          siebench.data.implicit.ImplicitLogs.load(existing(path)), seed);
      default -> throw new IllegalArgumentException("unknown --data source '" + source
          + "'; expected synthetic, synthetic-sequences, csv:PATH, tsv:PATH, criteo:PATH, avazu:PATH, movielens:DIR, "
          + "taobao:PATH, obd:PATH or implicit:PATH");
    };
    return s;
  }

  /** The same options reading another source (for a separate test file). */
  DataOptions withSource(String other) {
    DataOptions d = new DataOptions();
    d.source = other;
    d.rows = rows;
    d.label = label;
    d.fakeClicks = fakeClicks;
    d.rankerPopularity = rankerPopularity;
    d.threshold = threshold;
    d.seed = seed;
    d.stream = stream;
    d.cache = cache == null ? null : cache.resolve("test");
    return d;
  }

  private EcommerceGenerator synthetic() {
    EcommerceGenerator g = Synthetic.ecommerce().rows(rows == null ? 200_000 : rows).seed(seed)
        .fakeClicks(fakeClicks(0.0));
    return rankerPopularity == null ? g : g.rankerPopularity(rankerPopularity);
  }

  /** The --fake-clicks rate, or {@code fallback} when not given. */
  double fakeClicks(double fallback) {
    return fakeClicks == null ? fallback : fakeClicks;
  }

  static Path existing(String path) {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("--data needs a path after the colon, e.g. csv:clicks.csv");
    }
    Path p = Path.of(path);
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("no such file or directory: " + p.toAbsolutePath());
    }
    return p;
  }
}
