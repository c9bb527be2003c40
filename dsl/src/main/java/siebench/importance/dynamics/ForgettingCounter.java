package siebench.importance.dynamics;

/**
 * Counts forgetting events along one training run (Toneva et al. 2019): fed one correctness vector per
 * evaluation, in time order, it counts for each row the transitions from correctly to incorrectly classified
 * ("forgetting events") and remembers whether the row was ever classified correctly ("learned"). Fed one
 * row at a time ({@link #observe(int, boolean)}, e.g. at each minibatch presentation as in the paper), it
 * keeps each row's own sequence.
 */
final class ForgettingCounter {
  private final boolean[] previous;
  private final boolean[] learned;
  private final int[] forgotten;
  private final int[] seen;
  private int evaluations;

  /** A counter for {@code n} rows, before the first evaluation (every row counts as not yet learned). */
  public ForgettingCounter(int n) {
    previous = new boolean[n];
    learned = new boolean[n];
    forgotten = new int[n];
    seen = new int[n];
  }

  /** Records one evaluation: {@code correct[i]} tells whether row {@code i} is classified correctly. */
  public void observe(boolean[] correct) {
    if (correct.length != previous.length) {
      throw new IllegalArgumentException(correct.length + " correctness flags for " + previous.length + " rows");
    }
    for (int i = 0; i < correct.length; i++) {
      if (previous[i] && !correct[i]) {
        forgotten[i]++;
      }
      learned[i] |= correct[i];
      previous[i] = correct[i];
      seen[i]++;
    }
    evaluations++;
  }

  /**
   * Records one presentation of row {@code i} alone (its sequence advances, the other rows' do not): a
   * forgetting event when it was correct at its previous presentation and is not now.
   */
  public void observe(int i, boolean correct) {
    if (previous[i] && !correct) {
      forgotten[i]++;
    }
    learned[i] |= correct;
    previous[i] = correct;
    seen[i]++;
  }

  /** The number of whole-vector evaluations so far (see {@link #observe(boolean[])}). */
  public int evaluations() {
    return evaluations;
  }

  /** The number of observations of each row (whole-vector evaluations plus single-row presentations). */
  public int[] presentations() {
    return seen.clone();
  }

  /** The number of learned-to-forgotten transitions per row. */
  public int[] forgettingEvents() {
    return forgotten.clone();
  }

  /** Whether each row was never classified correctly. */
  public boolean[] neverLearned() {
    boolean[] out = new boolean[learned.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = !learned[i];
    }
    return out;
  }

  /**
   * The forgetting score: the event count, or for never-learned rows the maximal count. Toneva et al. treat
   * never-learned examples as forgotten infinitely often; as a finite stand-in that ranks them above every
   * learned row, they get the largest number of observations of any row ({@code evaluations} when fed whole
   * vectors), which exceeds the largest possible count (half the observations, rounded down).
   */
  public double[] scores() {
    int max = 0;
    for (int s : seen) {
      max = Math.max(max, s);
    }
    double[] out = new double[forgotten.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = learned[i] ? forgotten[i] : max;
    }
    return out;
  }

  /** Counts over a whole sequence: {@code correct[t][i]} is row {@code i}'s correctness at evaluation t. */
  public static ForgettingCounter of(boolean[][] correct) {
    ForgettingCounter c = new ForgettingCounter(correct.length == 0 ? 0 : correct[0].length);
    for (boolean[] step : correct) {
      c.observe(step);
    }
    return c;
  }
}
