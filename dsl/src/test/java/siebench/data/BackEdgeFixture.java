package siebench.data;

import siebench.train.CtrTask;

/** A deliberate back-edge (data uses train) for {@code LayeringTest}: the floors rule must reject it. */
public final class BackEdgeFixture {
  private BackEdgeFixture() {}

  static CtrTask task() {
    return CtrTask.ctr();
  }
}
