package siebench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** HTML escaping and the number formatting shared by every notebook renderer. */
public final class Html {
  /** Significant digits shown for floating-point values. */
  public static final int SIGNIFICANT_DIGITS = 6;

  private Html() {}

  /** Escapes the five HTML-special characters; {@code null} becomes the empty string. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * A floating-point value for display: {@value #SIGNIFICANT_DIGITS} significant digits without trailing
   * zeros, plain notation for magnitudes in [1e-4, 1e6) and scientific notation ({@code 1.23457e+07}) outside;
   * NaN and infinities are spelled {@code NaN}, {@code inf}, {@code -inf}.
   */
  public static String formatDouble(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e6 || a < 1e-4) {
      String sci = String.format(Locale.ROOT, "%." + (SIGNIFICANT_DIGITS - 1) + "e", v);
      int e = sci.indexOf('e');
      String mantissa = sci.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
      return mantissa + sci.substring(e);
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(SIGNIFICANT_DIGITS)).stripTrailingZeros();
    return d.toPlainString();
  }

  /** A count with thousands separators, e.g. {@code 12,345}. */
  public static String formatCount(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Bytes in the largest fitting binary unit, e.g. {@code 1.5 MiB}. */
  public static String formatBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
