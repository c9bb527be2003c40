package siebench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanIntervalTest {
  @Test
  void studentTIntervalSkippingNaN() {
    MeanInterval s = MeanInterval.of(1, 2, 3, Double.NaN);
    assertEquals(2, s.mean(), 1e-12);
    assertEquals(1, s.sd(), 1e-12);
    assertEquals(4.303 / Math.sqrt(3), s.halfWidth(), 1e-12);
    assertEquals(3, s.n());
    assertEquals("2.000 ± 2.484", s.format(3));
    // as an Interval: 2 ± t(0.975, 2) / sqrt(3), standard error 1 / sqrt(3)
    assertEquals(2 - 4.303 / Math.sqrt(3), s.interval().lower(), 1e-12);
    assertEquals(2 + 4.303 / Math.sqrt(3), s.interval().upper(), 1e-12);
    assertEquals(1 / Math.sqrt(3), s.interval().standardError(), 1e-12);
    assertEquals(0.95, s.interval().level(), 0);
  }

  @Test
  void oneValueHasNoInterval() {
    MeanInterval s = MeanInterval.of(java.util.List.of(5.0));
    assertEquals(5, s.mean(), 0);
    assertTrue(Double.isNaN(s.halfWidth()));
    assertEquals("5.00", s.format(2));
    assertTrue(Double.isNaN(MeanInterval.of().mean()));
  }
}
