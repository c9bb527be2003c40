package siebench.spark;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/** Adds up the shuffle bytes and records written by the tasks of a Spark application, for the benchmarks. */
final class ShuffleMeter extends SparkListener {
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong records = new AtomicLong();

  static ShuffleMeter on(SparkSession spark) {
    ShuffleMeter m = new ShuffleMeter();
    spark.sparkContext().addSparkListener(m);
    return m;
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (end.taskMetrics() != null) {
      bytes.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
      records.addAndGet(end.taskMetrics().shuffleWriteMetrics().recordsWritten());
    }
  }

  /** Bytes and records written since the last call, then resets. */
  long[] take() {
    return new long[] {bytes.getAndSet(0), records.getAndSet(0)};
  }
}
