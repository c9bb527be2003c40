package siebench.retrieval;

import static siebench.core.Numerics.dot;
import static siebench.core.Numerics.softmax;

/**
 * Sampled softmax with the logQ correction (Yi et al. 2019, RecSys, "Sampling-Bias-Corrected Neural Modeling
 * for Large Corpus Item Recommendations"; Bengio and Senecal 2008 for importance-sampled softmax).
 *
 * <p>With negatives drawn from a proposal {@code q} (in-batch negatives follow item popularity), the logits
 * {@code s_j = <u, v_j>} are corrected to {@code s_j - log q_j}: this is importance sampling in the sense
 * {@code w = P / q}, and makes the sampled softmax a consistent estimate of the full softmax over the corpus.
 * This class holds the closed-form gradient with respect to the user vector, used to check that claim; the
 * trainer in {@link TwoTower} applies the same correction to its in-batch logits.
 */
final class SampledSoftmax {
  private SampledSoftmax() {}

  /** Gradient of the full-softmax loss {@code -log softmax(U V^T)[pos]} with respect to {@code u}. */
  public static double[] fullGradient(double[] u, double[][] items, int pos) {
    int n = items.length;
    double[] logits = new double[n];
    for (int j = 0; j < n; j++) {
      logits[j] = dot(u, items[j]);
    }
    return gradient(logits, items, range(n), pos);
  }

  /**
   * Gradient with respect to {@code u} of the sampled-softmax loss over the positive item {@code pos} and the
   * sampled items {@code sampled} (which may repeat and may contain {@code pos}, as in-batch negatives do),
   * with or without subtracting {@code log q} from every logit.
   */
  public static double[] sampledGradient(double[] u, double[][] items, int pos, int[] sampled, double[] q,
      boolean correct) {
    int[] cand = new int[sampled.length + 1];
    cand[0] = pos;
    System.arraycopy(sampled, 0, cand, 1, sampled.length);
    double[] logits = new double[cand.length];
    for (int c = 0; c < cand.length; c++) {
      logits[c] = dot(u, items[cand[c]]) - (correct ? Math.log(q[cand[c]]) : 0);
    }
    return gradient(logits, items, cand, 0);
  }

  /** d/du of -log softmax(logits)[target] where logit c = u . items[cand[c]] + const. */
  private static double[] gradient(double[] logits, double[][] items, int[] cand, int target) {
    double[] p = softmax(logits);
    int dim = items[0].length;
    double[] g = new double[dim];
    for (int c = 0; c < p.length; c++) {
      double coef = p[c] - (c == target ? 1 : 0);
      for (int d = 0; d < dim; d++) {
        g[d] += coef * items[cand[c]][d];
      }
    }
    return g;
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
