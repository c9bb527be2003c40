package siebench.metrics;

/**
 * A metric averaged over groups (users or queries), with how many groups entered the average.
 *
 * @param name the metric, e.g. {@code "gauc"} or {@code "ndcg@10"}
 * @param value the (weighted) average over the groups used; NaN when no group could be used
 * @param groups number of distinct groups in the input
 * @param groupsUsed groups that entered the average
 * @param groupsSkipped groups left out (e.g. a user with one class for GAUC, a query without a relevant
 *     row for NDCG with {@link RankingMetrics.EmptyGroups#SKIP})
 * @param rowsUsed rows belonging to the groups used
 */
public record GroupedMetric(String name, double value, int groups, int groupsUsed, int groupsSkipped, long rowsUsed) {
  @Override
  public String toString() {
    return name + "=" + value + " (" + groupsUsed + " of " + groups + " groups, " + groupsSkipped + " skipped)";
  }
}
