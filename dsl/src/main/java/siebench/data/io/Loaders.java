package siebench.data.io;

import java.nio.file.Path;
import java.util.Set;
import siebench.data.Samples;

/**
 * Loads data files as {@link Samples} with their schema roles set: generic CSV/TSV and the standard layouts of
 * Criteo, Avazu, MovieLens, Taobao UserBehavior and the Open Bandit Dataset.
 *
 * <p>Two flavours of every loader: {@code readX(...)} returns a {@link Loaded} (samples plus the {@link
 * LoadReport}: rows read, rows dropped and why, missing values per column); {@code x(...)} returns the {@link
 * Samples} directly, with the report's one-line summary in {@link Samples#origin()} (e.g. {@code
 * criteo_train_tiny.csv [Criteo; 1999 rows read, 11626 missing values in 24 columns (keep)]}). Nothing is
 * printed.
 *
 * <p>Every loader fails with a {@link LoadException} naming file, line, column and what was expected when a
 * value cannot be parsed, a row has the wrong number of fields, a label is not 0/1 or the file is missing; no
 * row is dropped silently. Every row gets a stable {@code row_id} = its 0-based data-row index in the file.
 *
 * <pre>{@code
 * Samples criteo = Loaders.criteo(Path.of("criteo_train_tiny.csv"));
 * Loaded ml = Loaders.readMovieLens(Path.of("ml-latest-small"), 4.0, MissingValues.KEEP);
 * System.out.println(ml.report());
 * }</pre>
 */
public final class Loaders {
  private Loaders() {}

  // ---------------------------------------------------------------- generic

  /** A comma-separated file with a header; types and roles inferred. */
  public static Samples csv(Path file) {
    return read(file, CsvOptions.csv()).samples();
  }

  /** A tab-separated file with a header; types and roles inferred. */
  public static Samples tsv(Path file) {
    return read(file, CsvOptions.tsv()).samples();
  }

  /** A delimited file read as {@code options} say. */
  public static Samples csv(Path file, CsvOptions options) {
    return read(file, options).samples();
  }

  /**
   * A delimited file read as {@code options} say, with its load report. Column types are inferred unless
   * declared (see {@link FieldType}); roles are inferred by {@link Samples#from} and then overridden by the
   * options; date-time columns become the timestamp (or are ignored) unless declared features; the label must
   * hold 0/1.
   */
  public static Loaded read(Path file, CsvOptions options) {
    return GenericCsvLoader.read(file, options);
  }

  // ---------------------------------------------------------------- Criteo

  /** Criteo display-ads data, missing values kept. See {@link #readCriteo}. */
  public static Samples criteo(Path file) {
    return readCriteo(file, MissingValues.KEEP).samples();
  }

  /**
   * Criteo display-ads data (Kaggle 2014 challenge layout): a label, integer features {@code I1..I13} (declared
   * numeric; use {@link siebench.features.NumericTransform#LOG} in the encoder for the winners' log transform)
   * and hashed categorical features {@code C1..C26}, any of which may be empty. Reads the CSV samples with a
   * header ({@code Id,Label,...} or {@code label,...}, integer features also written as {@code 260.0}) and the
   * original header-less tab-separated {@code train.txt}. Columns are named {@code label, I1..I13, C1..C26}
   * whatever the header's case; an {@code Id} column becomes the ignored column {@code id}. Only empty fields are
   * missing.
   */
  public static Loaded readCriteo(Path file, MissingValues missing) {
    return CriteoLoader.read(file, missing);
  }

  // ---------------------------------------------------------------- Avazu

  /** Avazu mobile-ad data, missing values kept. See {@link #readAvazu}. */
  public static Samples avazu(Path file) {
    return readAvazu(file, MissingValues.KEEP).samples();
  }

  /**
   * Avazu CTR data (Kaggle 2014): label {@code click}; {@code hour} (YYMMDDHH, checked, kept as that integer,
   * which orders rows in time) as the timestamp; {@code id} ignored; {@code banner_pos} both the position role
   * and a categorical feature (its values are Avazu's codes, 0/1/... as in the file, not 1-based ranks); every
   * other column categorical, read as text. Only empty fields are missing.
   */
  public static Loaded readAvazu(Path file, MissingValues missing) {
    return AvazuLoader.read(file, missing);
  }

  // ---------------------------------------------------------------- MovieLens

  /** MovieLens ratings as implicit feedback: label = rating >= threshold. See {@link #readMovieLens}. */
  public static Samples movieLens(Path dir, double threshold) {
    return readMovieLens(dir, threshold, MissingValues.KEEP).samples();
  }

  /**
   * MovieLens {@code ratings.csv} (userId, movieId, rating, timestamp) from {@code dir} (or the ratings file
   * itself) as implicit feedback: {@code label} = 1 when {@code rating >= threshold}, else 0; the threshold is
   * stated in the report's description and the samples' origin. {@code userId} is the user, {@code movieId} the
   * item (both also categorical features), {@code timestamp} the timestamp, {@code rating} is kept but ignored
   * (it is the label's source). When {@code movies.csv} is beside it, the movie's first listed genre is joined
   * as the categorical feature {@code genre} ("(no genres listed)" is kept as a value; movies absent from
   * movies.csv get a missing genre, counted in the report).
   */
  public static Loaded readMovieLens(Path dir, double threshold, MissingValues missing) {
    return MovieLensLoader.read(dir, threshold, missing);
  }

  // ---------------------------------------------------------------- Taobao UserBehavior

  /** Taobao UserBehavior with label = buy. See {@link #readTaobaoUserBehavior}. */
  public static Samples taobaoUserBehavior(Path file) {
    return readTaobaoUserBehavior(file, Set.of("buy"), MissingValues.KEEP).samples();
  }

  /** Taobao UserBehavior with label = behavior is one of {@code positives} (of pv, cart, fav, buy). */
  public static Samples taobaoUserBehavior(Path file, Set<String> positives) {
    return readTaobaoUserBehavior(file, positives, MissingValues.KEEP).samples();
  }

  /**
   * Taobao UserBehavior (Tianchi 649; no header: user_id, item_id, category_id, behavior_type, timestamp):
   * {@code label} = 1 when {@code behavior_type} is in {@code positives}; {@code behavior_type} is kept but not a
   * feature; user, item and timestamp roles; user_id, item_id and category_id categorical. Behaviours other than
   * pv, cart, fav and buy are an error naming the line.
   */
  public static Loaded readTaobaoUserBehavior(Path file, Set<String> positives, MissingValues missing) {
    return TaobaoUserBehaviorLoader.read(file, positives, missing);
  }

  // ---------------------------------------------------------------- Open Bandit Dataset

  /** Open Bandit Dataset logged feedback without item context. See {@link #readOpenBandit}. */
  public static Samples openBandit(Path file) {
    return readOpenBandit(file, null, MissingValues.KEEP).samples();
  }

  /** Open Bandit Dataset logged feedback joined with its item context file. See {@link #readOpenBandit}. */
  public static Samples openBandit(Path file, Path itemContext) {
    return readOpenBandit(file, itemContext, MissingValues.KEEP).samples();
  }

  /**
   * Open Bandit Dataset (Saito et al. 2021, "Open Bandit Dataset and Pipeline: Towards Realistic and
   * Reproducible Off-Policy Evaluation") logged bandit feedback, e.g. {@code random/men.csv}: label {@code
   * click}; {@code position} (1..3) the position role; {@code timestamp} parsed to epoch milliseconds as the
   * timestamp; {@code item_id} the item and a categorical feature; {@code propensity_score} kept as the column
   * {@code propensity} (checked to lie in (0, 1]; not a feature); {@code user_feature_*} categorical; {@code
   * user-item_affinity_*} numeric; the unnamed index column kept as the ignored column {@code index}. With
   * {@code itemContext} (e.g. {@code item_context_men.csv}) its {@code item_feature_0} (numeric) and {@code
   * item_feature_1..3} (categorical) are joined on {@code item_id}.
   */
  public static Loaded readOpenBandit(Path file, Path itemContext, MissingValues missing) {
    return OpenBanditLoader.read(file, itemContext, missing);
  }

  // ---------------------------------------------------------------- Ali-CCP

  /** One Ali-CCP file (click and conversion labels), missing values kept. See {@link #readAliCcp}. */
  public static Samples aliCcp(Path file) {
    return readAliCcp(file, MissingValues.KEEP).samples();
  }

  /**
   * Ali-CCP (Alibaba Click and Conversion Prediction, Tianchi 408; the data of Ma et al. 2018, "Entire Space
   * Multi-Task Model", SIGIR) in torch-rechub's preprocessed CSV layout: label {@code click}; {@code purchase}
   * kept as an ignored integer column (checked to be 0/1 and never 1 without a click, naming file, line and
   * column); field {@code 301} the position role and a categorical feature; the dense columns {@code D*}
   * numeric; every other field a categorical id, read as text. Only empty fields are missing.
   */
  public static Loaded readAliCcp(Path file, MissingValues missing) {
    return AliCcpLoader.read(file, missing);
  }
}
