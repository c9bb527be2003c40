package siebench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesTheFiveSpecialCharacters() {
    assertEquals("&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;",
        Html.escape("<b class=\"x\">Tom & Jerry's</b>"));
    assertEquals("", Html.escape(null));
    assertEquals("plain", Html.escape("plain"));
  }

  @Test
  void formatsDoublesWithSixSignificantDigits() {
    assertEquals("0", Html.formatDouble(0.0));
    assertEquals("2.5", Html.formatDouble(2.5));
    assertEquals("100", Html.formatDouble(100.0));
    assertEquals("0.123457", Html.formatDouble(0.123456789));
    assertEquals("-3.14159", Html.formatDouble(-Math.PI));
    assertEquals("123457", Html.formatDouble(123456.7));
    assertEquals("1.23457e+06", Html.formatDouble(1234567.0));
    assertEquals("1e-05", Html.formatDouble(1e-5));
    assertEquals("-2.5e+10", Html.formatDouble(-2.5e10));
    assertEquals("0.0001", Html.formatDouble(1e-4));
    assertEquals("NaN", Html.formatDouble(Double.NaN));
    assertEquals("inf", Html.formatDouble(Double.POSITIVE_INFINITY));
    assertEquals("-inf", Html.formatDouble(Double.NEGATIVE_INFINITY));
  }

  @Test
  void formatsCountsAndBytes() {
    assertEquals("1,234,567", Html.formatCount(1234567));
    assertEquals("512 B", Html.formatBytes(512));
    assertEquals("1.5 KiB", Html.formatBytes(1536));
    assertEquals("3.0 GiB", Html.formatBytes(3L << 30));
  }
}
