package siebench.data.io;

import java.nio.file.Path;
import java.util.List;
import siebench.data.io.Dataset.DataFile;

/**
 * The catalogue of the public data samples that the notebooks and tests use, and the way to get them on any
 * machine: {@code Datasets.avazuSample()} returns the folder holding the Avazu sample, found in the data directory
 * ({@code SIEBENCH_DATA}), the user cache, or downloaded (see {@link DatasetStore} for the order and settings).
 * Code never walks the file system looking for {@code shared/data}.
 *
 * <p>Every file is recorded with the public URL of exactly its bytes (the samples are byte-for-byte copies of files
 * in public repositories, so the URL is the raw file at the recorded commit), its size and its SHA-256, computed from
 * the copies in the project's {@code shared/data/}. The licence notes summarise each sample's README: none of
 * these samples is cleared for commercial use. The homepage is the original publisher's page for the full data.
 */
public final class Datasets {
  private Datasets() {}

  private static String raw(String repo, String commit, String path) {
    return "https://raw.githubusercontent.com/" + repo + "/" + commit + "/" + path;
  }

  private static final String RECHUB = "datawhalechina/torch-rechub";
  private static final String RECHUB_COMMIT = "5a73b2eebc3a670dc64c54971cc06a78ddd55394";
  private static final String FUXI = "reczoo/FuxiCTR";
  private static final String FUXI_COMMIT = "0245987fdc1d43c36164ea496a02324885a8557a";
  private static final String OBP = "st-tech/zr-obp";
  private static final String OBP_COMMIT = "8cbd5fa4558b7ad2ba4781546d6604e4cc3e07c4";
  private static final String ML = "HeewoongNoh/2022_DSAIL_Internship";
  private static final String ML_COMMIT = "f568bb3f42c0d8656c5f55379572bf431c37e2c3";
  private static final String DIGI = "RecoHut-Datasets/diginetica";
  private static final String DIGI_COMMIT = "2672053d53bf74e6e8eec77e684e4e7b6bc5da8c";
  private static final String TIANCHI_TERMS = "Alibaba data from Tianchi; no licence text found in the source "
      + "repository (whose licence covers only its code). Research-only; not cleared for commercial use.";

  /** MovieLens latest-small (GroupLens, 2018-09-26): ratings, movies, tags, links and GroupLens' README. */
  public static final Dataset MOVIELENS_SMALL = new Dataset("movieLensSmall", "movielens_latest_small",
      "MovieLens latest-small: 100,836 ratings (0.5-5 stars) by 610 users on 9,742 movies, with genres and tags",
      "https://grouplens.org/datasets/movielens/latest/",
      "GroupLens usage licence (GROUPLENS_README.txt): research use; redistribution only under the same conditions; "
          + "cite Harper & Konstan 2015 (TiiS 5(4)); no endorsement implied; no commercial use without permission.",
      List.of(
          DataFile.of("ratings.csv", raw(ML, ML_COMMIT, "ml-latest-small/ratings.csv"), 2_382_886,
              "80da8b3393dae325bbba5a31f291a6ba55d8d4f4396de3c456f2c1635b1b70e8"),
          DataFile.of("movies.csv", raw(ML, ML_COMMIT, "ml-latest-small/movies.csv"), 484_688,
              "c47b783f23eb304413307e1bb05335e427737da20ec8d3c0e96335567dd5f3dc"),
          DataFile.of("tags.csv", raw(ML, ML_COMMIT, "ml-latest-small/tags.csv"), 114_976,
              "68eec00a0820c2faa8863a6df7032f13d5899a4462bce9a97213905297ff3d34"),
          DataFile.of("links.csv", raw(ML, ML_COMMIT, "ml-latest-small/links.csv"), 188_236,
              "028a4a1d17751ca9276e0e0718cfc22356350f224a996e1ec348c23274b9209d"),
          DataFile.of("GROUPLENS_README.txt", raw(ML, ML_COMMIT, "ml-latest-small/README.txt"), 8_351,
              "569448aba20b7eb111dbaa271231a51a9c25add372ededf84256dc592a1fceaf")));

  /** Avazu CTR (Kaggle 2014): the first 2,994 rows of the training file. */
  public static final Dataset AVAZU_SAMPLE = new Dataset("avazuSample", "avazu_ctr_sample",
      "Avazu click-through rate prediction (Kaggle 2014): first 2,994 rows of train, 24 columns, 522 clicks",
      "https://www.kaggle.com/c/avazu-ctr-prediction",
      "Kaggle competition data; the source repository states no data licence. Competition rules apply; "
          + "non-commercial research only.",
      List.of(DataFile.of("avazu_sample.csv",
          raw("ycjuan/kaggle-avazu", "f5d652c8fb1cfcc3af0f34dfcaa337e601672c7f", "tr.rx.csv"), 467_324,
          "e7ff83fa123e33eaf199c80e3b7044dfaec6ef1b815c64714e6e93ed34d96387")));

  /** Criteo display advertising (Kaggle 2014): two small slices of the training file. */
  public static final Dataset CRITEO_SAMPLE = new Dataset("criteoSample", "criteo_display_ads_sample",
      "Criteo display advertising challenge (Kaggle 2014): 1,999-row and 200-row slices of train",
      "https://www.kaggle.com/c/criteo-display-ad-challenge",
      "Criteo data, now CC BY-NC-SA 4.0 per Criteo's own release; no separate Kaggle data licence found. "
          + "Non-commercial research only.",
      List.of(
          DataFile.of("criteo_train_tiny.csv", raw("ChenglongChen/kaggle-2014-criteo",
              "7b9e41e1fc91f11dcc1bf1aee007cc9e03babbc0", "train.tiny.csv"), 502_818,
              "68f7852149b089e7929ba9e1acd6debbc986cbd498107a7c4dc9f2e716500b18"),
          DataFile.of("criteo_sample_deepctr.csv", raw("shenweichen/DeepCTR",
              "1b5fe40e158d1ee6af8b1d9df217a5ed5aea9136", "examples/criteo_sample.txt"), 52_518,
              "08b84f12a22438fb534e989a5e4fa245726b2bda001983556bc2aea2f094f724")));

  /** Taobao UserBehavior (Tianchi 649): the first 4,321 lines, no header. */
  public static final Dataset TAOBAO_USER_BEHAVIOR = new Dataset("taobaoUserBehavior", "taobao_userbehavior_sample",
      "Taobao UserBehavior (Tianchi 649): first 4,321 behaviour rows (pv/cart/fav/buy), no header",
      "https://tianchi.aliyun.com/dataset/649", TIANCHI_TERMS,
      List.of(DataFile.of("UserBehavior_head.csv", raw("fattydelivery/clothes-shopping-website-v1.0",
          "ee6cc5a462d49102d4583380619a122b31713c0b", "UserBehavior.csv"), 161_867,
          "e6f47712a2ae149885993ac7b520cf5ba3b099b2e52f90cfddd912455c710e6d")));

  /** Open Bandit Dataset (ZOZOTOWN), small version, "men" campaign, random and Bernoulli TS logging policies. */
  public static final Dataset OPEN_BANDIT = new Dataset("openBandit", "open_bandit_dataset_zozotown",
      "Open Bandit Dataset (ZOZOTOWN), small 'men' campaign: 2 x 10,000 impressions with positions, clicks and "
          + "true propensities under uniform-random and Bernoulli Thompson sampling policies",
      "https://research.zozo.com/data.html",
      "Distributed in st-tech/zr-obp (Apache-2.0); no separate data licence file found. Cite Saito et al. 2021 "
          + "(NeurIPS Datasets and Benchmarks).",
      List.of(
          DataFile.of("random/men.csv", raw(OBP, OBP_COMMIT, "obd/random/men/men.csv"), 3_336_811,
              "ede6d08c6877f99cd3770f7d09e26c738e6aa6de4445ccccfb1356ba5d06b1eb"),
          DataFile.of("random/item_context_men.csv", raw(OBP, OBP_COMMIT, "obd/random/men/item_context.csv"), 4_287,
              "6d855c2b7e917d0448d71bbe62c023147495882c0fdc8c41e86fef86abf9fe09"),
          DataFile.of("bts/men.csv", raw(OBP, OBP_COMMIT, "obd/bts/men/men.csv"), 3_240_432,
              "db6d1f7ed2d591ba521533e45286d4c1fba7fe57a8ad2e80342210335f43c527"),
          DataFile.of("bts/item_context_men.csv", raw(OBP, OBP_COMMIT, "obd/bts/men/item_context.csv"), 4_287,
              "3b411ed6b0471316321a6b93f4f756bb25888eac6218cd71d0b603d41d85732d")));

  /** Ali-CCP (Tianchi 408): 100/50/50-row train/validation/test samples with click and purchase labels. */
  public static final Dataset ALI_CCP = new Dataset("aliCcp", "ali_ccp_tiny",
      "Ali-CCP (Alibaba click and conversion prediction, Tianchi 408): 100/50/50-row train/val/test samples",
      "https://tianchi.aliyun.com/dataset/408", TIANCHI_TERMS,
      List.of(
          DataFile.of("ali_ccp_train_sample.csv", raw(RECHUB, RECHUB_COMMIT,
              "examples/ranking/data/ali-ccp/ali_ccp_train_sample.csv"), 10_450,
              "1c1d125bcdfca70c8f5ed24f6221acadab3e19b70e0b06b3eb3adb2af7a0f9b5"),
          DataFile.of("ali_ccp_val_sample.csv", raw(RECHUB, RECHUB_COMMIT,
              "examples/ranking/data/ali-ccp/ali_ccp_val_sample.csv"), 5_396,
              "1236e1504b76bf7ceb48dbe3d999ae8b49f61fcda2d684578320fd9fc7821104"),
          DataFile.of("ali_ccp_test_sample.csv", raw(RECHUB, RECHUB_COMMIT,
              "examples/ranking/data/ali-ccp/ali_ccp_test_sample.csv"), 5_432,
              "9764a9b8e53b25f85c00e08a89f65ecfadab100cb0834161bd7ef671b7702a09")));

  /** AliExpress searching system (Tianchi 74690): 100 + 100 rows with click and conversion labels. */
  public static final Dataset ALIEXPRESS_SEARCH = new Dataset("aliExpressSearch", "aliexpress_search_tiny",
      "AliExpress searching system (Tianchi 74690): 100 + 100 search-page rows with click and conversion labels",
      "https://tianchi.aliyun.com/dataset/74690", TIANCHI_TERMS,
      List.of(
          DataFile.of("train.csv", raw(FUXI, FUXI_COMMIT, "data/tiny_mtl/train.csv"), 48_978,
              "6f260d3492b1d262c35aba442a3cd7663d4ab2820a65bad717ad3802d113899d"),
          DataFile.of("test.csv", raw(FUXI, FUXI_COMMIT, "data/tiny_mtl/test.csv"), 48_810,
              "40d83af4118b5bafd317f066bd1a73ea290aa7d1f1b227af4d3aad0e599f15cc")));

  /** Taobao display advertising click (Tianchi 56): 100 + 100 rows with price, brand and ad slot. */
  public static final Dataset TAOBAO_AD_CLICK = new Dataset("taobaoAdClick", "taobao_ad_display_click_tiny",
      "Taobao display advertising clicks (Tianchi 56): 100 + 100 rows with category, brand, price and ad slot",
      "https://tianchi.aliyun.com/dataset/56", TIANCHI_TERMS,
      List.of(
          DataFile.of("train_sample.csv", raw(FUXI, FUXI_COMMIT, "data/tiny_csv/train_sample.csv"), 9_667,
              "5cd2f94d82b2bd62ff276c501f605d20cedf466de465ebb1358000eea73c443d"),
          DataFile.of("valid_sample.csv", raw(FUXI, FUXI_COMMIT, "data/tiny_csv/valid_sample.csv"), 9_530,
              "ff14b96587a0a50d847400fea86249fd92b3a375f0bced1d771c68f0e01dfb73")));

  /** Amazon Beauty 5-core as preprocessed for S3-Rec: user sequences and item attributes. */
  public static final Dataset AMAZON_BEAUTY = new Dataset("amazonBeauty", "amazon_beauty_s3rec",
      "Amazon reviews, Beauty 5-core (S3-Rec preprocessing): 22,363 user sequences, 198,502 interactions, "
          + "item brand/category attributes",
      "https://cseweb.ucsd.edu/~jmcauley/datasets.html",
      "Amazon product data by J. McAuley (UCSD); no licence text in the source repository. Research use; cite "
          + "McAuley et al. 2015 and Zhou et al. 2020 (S3-Rec, CIKM).",
      List.of(
          DataFile.of("Beauty.txt", raw("RUCAIBox/CIKM2020-S3Rec", "2a81540ae18615d88ef88227b0c066e5b74781e5",
              "data/Beauty.txt"), 1_090_094, "226cce9c3105299ca0db9615d7d3fb32b3175e90da43100ae352599f0f0107b8"),
          DataFile.of("Beauty_item2attributes.json", raw("RUCAIBox/CIKM2020-S3Rec",
              "2a81540ae18615d88ef88227b0c066e5b74781e5", "data/Beauty_item2attributes.json"), 305_674,
              "129e40f67486f6877eff0f5318cfa8530ee8ac23d8b0d1de04e1bb7a2ba0b2d4")));

  /** DIGINETICA (CIKM Cup 2016 track 2): a slice of item views, all purchases, all product categories. */
  public static final Dataset DIGINETICA = new Dataset("diginetica", "diginetica_cikm2016",
      "DIGINETICA, CIKM Cup 2016 track 2: 12,390 item views (leading slice), 18,025 purchases, 184,047 item "
          + "categories",
      "https://competitions.codalab.org/competitions/11161",
      "Challenge data; no licence or terms found in the source repositories or on the competition page. "
          + "Research only.",
      List.of(
          DataFile.of("sample_train-item-views.csv", raw("CRIPAC-DIG/SR-GNN",
              "e21cfa431f74c25ae6e4ae9261deefe11d1cb488", "datasets/sample_train-item-views.csv"), 395_354,
              "98da96e05c87ef12b739e4bfd9bc7b4864106ee77371f1db9eb4413e3f78d37e"),
          DataFile.of("train-purchases.csv", raw(DIGI, DIGI_COMMIT, "train-purchases.csv"), 749_277,
              "d6d3ce5b2df5d75a87fb0621f384aaf187ee1736bc46fcc58bb303ddc38d0658"),
          DataFile.of("product-categories.csv", raw(DIGI, DIGI_COMMIT, "product-categories.csv"), 1_979_575,
              "9e9566e34548e5d1b8d05ed6dd0222fbb8a7b7b2a8a18cdf28c1a4eba8f9e42c")));

  /** YOOCHOOSE (RecSys Challenge 2015): 500 click rows in 125 sessions, no header. */
  public static final Dataset YOOCHOOSE = new Dataset("yoochoose", "yoochoose_rsc15_tiny",
      "YOOCHOOSE clicks (RecSys Challenge 2015): 500 rows in 125 sessions, no header",
      "https://recsys.acm.org/recsys15/challenge/",
      "Released by YOOCHOOSE for the RecSys Challenge 2015; no licence text in the source repository. "
          + "Research only.",
      List.of(DataFile.of("yoochoose-clicks-sample.dat", raw(RECHUB, RECHUB_COMMIT,
          "examples/matching/data/session_based/yoochoose/yoochoose-clicks-sample.dat"), 20_143,
          "698e8d2ee91442be9294b50ac773693c38302e52f7f7aae947da93c46322c19f")));

  private static final List<Dataset> ALL = List.of(MOVIELENS_SMALL, AVAZU_SAMPLE, CRITEO_SAMPLE,
      TAOBAO_USER_BEHAVIOR, OPEN_BANDIT, ALI_CCP, ALIEXPRESS_SEARCH, TAOBAO_AD_CLICK, AMAZON_BEAUTY, DIGINETICA,
      YOOCHOOSE);

  /** Every entry of the catalogue. */
  public static List<Dataset> all() {
    return ALL;
  }

  /**
   * The entry called {@code name} (e.g. {@code avazuSample}) or stored in the folder {@code name} (e.g.
   * {@code avazu_ctr_sample}).
   */
  public static Dataset entry(String name) {
    for (Dataset d : ALL) {
      if (d.name().equals(name) || d.folder().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("no dataset '" + name + "' in the catalogue; expected one of "
        + ALL.stream().map(Dataset::name).toList());
  }

  /** The folder holding {@code dataset}, resolved by {@link DatasetStore#standard()}. */
  public static Path path(Dataset dataset) {
    return DatasetStore.standard().resolve(dataset);
  }

  /** The folder holding {@link #MOVIELENS_SMALL}: {@code ratings.csv}, {@code movies.csv}, {@code tags.csv}, ... */
  public static Path movieLensSmall() {
    return path(MOVIELENS_SMALL);
  }

  /** The folder holding {@link #AVAZU_SAMPLE}: {@code avazu_sample.csv}. */
  public static Path avazuSample() {
    return path(AVAZU_SAMPLE);
  }

  /** The folder holding {@link #CRITEO_SAMPLE}: {@code criteo_train_tiny.csv}, {@code criteo_sample_deepctr.csv}. */
  public static Path criteoSample() {
    return path(CRITEO_SAMPLE);
  }

  /** The folder holding {@link #TAOBAO_USER_BEHAVIOR}: {@code UserBehavior_head.csv}. */
  public static Path taobaoUserBehavior() {
    return path(TAOBAO_USER_BEHAVIOR);
  }

  /** The folder holding {@link #OPEN_BANDIT}: {@code random/men.csv}, {@code bts/men.csv} and item contexts. */
  public static Path openBandit() {
    return path(OPEN_BANDIT);
  }

  /** The folder holding {@link #ALI_CCP}: {@code ali_ccp_{train,val,test}_sample.csv}. */
  public static Path aliCcp() {
    return path(ALI_CCP);
  }

  /** The folder holding {@link #ALIEXPRESS_SEARCH}: {@code train.csv}, {@code test.csv}. */
  public static Path aliExpressSearch() {
    return path(ALIEXPRESS_SEARCH);
  }

  /** The folder holding {@link #TAOBAO_AD_CLICK}: {@code train_sample.csv}, {@code valid_sample.csv}. */
  public static Path taobaoAdClick() {
    return path(TAOBAO_AD_CLICK);
  }

  /** The folder holding {@link #AMAZON_BEAUTY}: {@code Beauty.txt}, {@code Beauty_item2attributes.json}. */
  public static Path amazonBeauty() {
    return path(AMAZON_BEAUTY);
  }

  /** The folder holding {@link #DIGINETICA}: item views, purchases and product categories. */
  public static Path diginetica() {
    return path(DIGINETICA);
  }

  /** The folder holding {@link #YOOCHOOSE}: {@code yoochoose-clicks-sample.dat}. */
  public static Path yoochoose() {
    return path(YOOCHOOSE);
  }
}
