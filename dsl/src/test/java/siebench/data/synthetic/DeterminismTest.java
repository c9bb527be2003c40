package siebench.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Same seed, same table; different seed, different table; builders are immutable; generation is fast. */
class DeterminismTest {
  @Test
  void sameSeedSameDataDifferentSeedDifferentData() {
    EcommerceGenerator g = Synthetic.ecommerce().rows(20_000).testRows(5_000).seed(42).fakeClicks(0.05)
        .flippedLabels(0.02).duplicates(0.01).nearDuplicates(0.01).covariateShift(0.5);
    SyntheticData a = g.generate();
    SyntheticData b = g.generate();
    assertEquals(SyntheticTestSupport.hash(a.samples()), SyntheticTestSupport.hash(b.samples()));
    assertEquals(SyntheticTestSupport.hash(a.test()), SyntheticTestSupport.hash(b.test()));
    SyntheticData c = g.seed(43).generate();
    assertNotEquals(SyntheticTestSupport.hash(a.samples()), SyntheticTestSupport.hash(c.samples()));
    assertNotEquals(SyntheticTestSupport.hash(a.test()), SyntheticTestSupport.hash(c.test()));
  }

  @Test
  void buildersAreImmutable() {
    EcommerceGenerator g = Synthetic.ecommerce();
    EcommerceGenerator h = g.rows(123).fakeClicks(0.2);
    assertEquals(200_000, g.parameters().get("rows"));
    assertEquals(0.0, g.parameters().get("fakeClicks"));
    assertEquals(123, h.parameters().get("rows"));
    assertEquals(0.2, h.parameters().get("fakeClicks"));
  }

  @Test
  void generatesAMillionRows() {
    SyntheticData d = Synthetic.ecommerce().rows(1_000_000).testRows(0).generate();
    assertEquals(1_000_000, d.samples().size());
  }
}
