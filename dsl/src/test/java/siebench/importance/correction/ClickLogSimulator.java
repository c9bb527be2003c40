package siebench.importance.correction;

import java.util.Arrays;
import java.util.Random;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Position-biased search click logs for tests: {@code queries} queries with {@code docs} candidate documents
 * each; document features {@code x1} (drives true relevance {@code r = sigmoid(2.5 x1 - 1)}) and {@code x2}
 * ("popularity", irrelevant to relevance but used by the logging ranker); every session shows the top
 * {@code shown} documents of a noisy ranking by {@code x2 + 0.3 x1 + N(0, noise)} (or a uniformly random
 * ranking), and a document at position k is clicked with probability {@code (1/k)^eta * r}.
 */
final class ClickLogSimulator {
  final int queries;
  final int docs;
  final double[][] x1;
  final double[][] x2;
  final double[][] relevance;

  ClickLogSimulator(int queries, int docs, long seed) {
    this.queries = queries;
    this.docs = docs;
    Random r = new Random(seed);
    x1 = new double[queries][docs];
    x2 = new double[queries][docs];
    relevance = new double[queries][docs];
    for (int q = 0; q < queries; q++) {
      for (int d = 0; d < docs; d++) {
        x1[q][d] = r.nextGaussian();
        x2[q][d] = r.nextGaussian();
        relevance[q][d] = 1 / (1 + Math.exp(-(2.5 * x1[q][d] - 1)));
      }
    }
  }

  static double theta(int position, double eta) {
    return Math.pow(1.0 / position, eta);
  }

  /** Click logs from sessions per query, ranked by the biased logger (random = false) or uniformly at random. */
  Samples logs(int sessions, int shown, double eta, double noise, boolean random, long seed) {
    Random r = new Random(seed);
    StringColumn qid = StringColumn.create("query_id");
    StringColumn item = StringColumn.create("item_id");
    IntColumn pos = IntColumn.create("position");
    DoubleColumn f1 = DoubleColumn.create("x1");
    DoubleColumn f2 = DoubleColumn.create("x2");
    IntColumn click = IntColumn.create("click");
    DoubleColumn truth = DoubleColumn.create("truth_relevance");
    DoubleColumn prop = DoubleColumn.create("examination");
    for (int q = 0; q < queries; q++) {
      for (int s = 0; s < sessions; s++) {
        Integer[] order = new Integer[docs];
        double[] score = new double[docs];
        for (int d = 0; d < docs; d++) {
          order[d] = d;
          score[d] = random ? r.nextDouble() : x2[q][d] + 0.3 * x1[q][d] + noise * r.nextGaussian();
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        for (int k = 1; k <= shown; k++) {
          int d = order[k - 1];
          qid.append("q" + q);
          item.append("q" + q + "d" + d);
          pos.append(k);
          f1.append(x1[q][d]);
          f2.append(x2[q][d]);
          double th = theta(k, eta);
          click.append(r.nextDouble() < th * relevance[q][d] ? 1 : 0);
          truth.append(relevance[q][d]);
          prop.append(th);
        }
      }
    }
    return Samples.from(Table.create(random ? "randomized logs" : "biased logs", qid, item, pos, f1, f2, click,
        truth, prop)).numeric("x1", "x2").ignore("examination");
  }

  /** Every (query, document) once, with a Bernoulli(relevance) label, for scoring rankings. */
  Samples allDocuments(long seed) {
    Random r = new Random(seed);
    StringColumn qid = StringColumn.create("query_id");
    DoubleColumn f1 = DoubleColumn.create("x1");
    DoubleColumn f2 = DoubleColumn.create("x2");
    IntColumn click = IntColumn.create("click");
    for (int q = 0; q < queries; q++) {
      for (int d = 0; d < docs; d++) {
        qid.append("q" + q);
        f1.append(x1[q][d]);
        f2.append(x2[q][d]);
        click.append(r.nextDouble() < relevance[q][d] ? 1 : 0);
      }
    }
    return Samples.from(Table.create("all documents", qid, f1, f2, click)).numeric("x1", "x2");
  }

  /** Mean NDCG@k over queries of a ranking by {@code scores} (row order of {@link #allDocuments}), gain = relevance. */
  double meanNdcg(double[] scores, int k) {
    double sum = 0;
    for (int q = 0; q < queries; q++) {
      double[] s = Arrays.copyOfRange(scores, q * docs, (q + 1) * docs);
      sum += ndcg(s, relevance[q], k);
    }
    return sum / queries;
  }

  /** NDCG@k with linear gains and log2(rank + 1) discounts; ties in the score broken by document index. */
  static double ndcg(double[] scores, double[] gains, int k) {
    int n = scores.length;
    Integer[] byScore = new Integer[n];
    Integer[] ideal = new Integer[n];
    for (int i = 0; i < n; i++) {
      byScore[i] = i;
      ideal[i] = i;
    }
    Arrays.sort(byScore, (a, b) -> Double.compare(scores[b], scores[a]));
    Arrays.sort(ideal, (a, b) -> Double.compare(gains[b], gains[a]));
    double dcg = 0;
    double idcg = 0;
    for (int i = 0; i < Math.min(k, n); i++) {
      double disc = Math.log(i + 2) / Math.log(2);
      dcg += gains[byScore[i]] / disc;
      idcg += gains[ideal[i]] / disc;
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }
}
