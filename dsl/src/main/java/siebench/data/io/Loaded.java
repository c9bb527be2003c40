package siebench.data.io;

import siebench.data.Samples;

/**
 * The result of a loader: the samples and the {@link LoadReport} of how they were read. The convenience methods
 * of {@link Loaders} that return {@link Samples} directly put the report's one-line {@link LoadReport#summary()}
 * into the samples' {@link Samples#origin() origin}, so nothing about the load is hidden; use the {@code read...}
 * methods to get the full report.
 *
 * @param samples the loaded samples, with schema roles set
 * @param report what was read, dropped and found missing
 */
public record Loaded(Samples samples, LoadReport report) {
  @Override
  public String toString() {
    return samples + "\n" + report;
  }
}
