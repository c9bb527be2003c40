package siebench.data.io;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/** Strict value parsers and column type inference for {@link DelimitedReader}. */
final class FieldParsers {
  private FieldParsers() {}

  /** Builds the error for a bad value in a given 0-based data row. */
  interface Errors {
    LoadException at(int row, String message);
  }

  private static final Pattern DATE_TIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)?)?");
  private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendPattern("[XXX][XX][X]").toFormatter();

  /** {@code [+-]digits} (leading zeros allowed). */
  static boolean integerLiteral(String s) {
    int n = s.length();
    int i = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
    if (i == n) {
      return false;
    }
    for (int k = i; k < n; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** An integer literal with a leading zero, e.g. a zero-padded code such as 007. */
  static boolean zeroPadded(String s) {
    int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
    return s.length() - i > 1 && s.charAt(i) == '0';
  }

  private static boolean fitsLong(String s) {
    try {
      return Long.parseLong(s) != Long.MIN_VALUE;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Strict decimal grammar: [+-](digits[.digits*] | .digits)([eE][+-]digits)? (no hex, NaN, Infinity, 'f'). */
  static boolean decimal(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int exp = 0;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** Epoch milliseconds of an ISO-like date or date-time (UTC when no offset), or null if it is not one. */
  static Long dateTime(String s) {
    if (s.length() < 10 || s.charAt(4) != '-' || !DATE_TIME.matcher(s).matches()) {
      return null;
    }
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      String t = s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
      boolean offset = t.endsWith("Z") || t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10;
      if (offset) {
        return OffsetDateTime.parse(t, OFFSET).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The type of a column from all its non-missing values (see {@link FieldType}). */
  static FieldType infer(String[] v, int n) {
    boolean any = false;
    boolean integer = true;
    boolean number = true;
    boolean date = true;
    for (int i = 0; i < n; i++) {
      if (v[i] == null) {
        continue;
      }
      String s = v[i].trim();
      if (s.isEmpty()) {
        return FieldType.STRING;
      }
      any = true;
      boolean isInt = integerLiteral(s);
      if (isInt && (zeroPadded(s) || !fitsLong(s))) {
        return FieldType.STRING; // a code or an id too long for a long
      }
      boolean isNum = isInt || decimal(s);
      integer &= isInt;
      number &= isNum;
      if (isNum) {
        date = false;
      } else if (date) {
        date = dateTime(s) != null;
      }
      if (!number && !date) {
        return FieldType.STRING;
      }
    }
    if (!any) {
      return FieldType.STRING;
    }
    return integer ? FieldType.INTEGER : number ? FieldType.DOUBLE : FieldType.DATETIME;
  }

  private static String quote(String s) {
    return "'" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'";
  }

  /** Parses a column; missing values (null) stay missing. */
  static Column<?> column(String name, String[] v, int n, FieldType t, Errors err) {
    switch (t) {
      case INTEGER: {
        long[] x = new long[n];
        boolean fitsInt = true;
        for (int i = 0; i < n; i++) {
          if (v[i] == null) {
            x[i] = Long.MIN_VALUE;
            continue;
          }
          String s = v[i].trim();
          long val;
          if (integerLiteral(s)) {
            try {
              val = Long.parseLong(s);
            } catch (NumberFormatException e) {
              throw err.at(i, "expected an integer, got " + quote(v[i]) + " (out of range)");
            }
          } else if (decimal(s)) {
            double d = Double.parseDouble(s);
            if (d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15) {
              throw err.at(i, "expected an integer, got " + quote(v[i]));
            }
            val = (long) d;
          } else {
            throw err.at(i, "expected an integer, got " + quote(v[i]));
          }
          if (val == Long.MIN_VALUE) {
            throw err.at(i, "expected an integer, got " + quote(v[i]) + " (out of range)");
          }
          x[i] = val;
          if (val <= Integer.MIN_VALUE || val > Integer.MAX_VALUE) {
            fitsInt = false;
          }
        }
        if (fitsInt) {
          int[] y = new int[n];
          for (int i = 0; i < n; i++) {
            y[i] = x[i] == Long.MIN_VALUE ? Integer.MIN_VALUE : (int) x[i];
          }
          return IntColumn.create(name, y);
        }
        return LongColumn.create(name, x);
      }
      case DOUBLE: {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
          if (v[i] == null) {
            x[i] = Double.NaN;
            continue;
          }
          String s = v[i].trim();
          if (!decimal(s)) {
            throw err.at(i, "expected a number, got " + quote(v[i]));
          }
          x[i] = Double.parseDouble(s);
        }
        return DoubleColumn.create(name, x);
      }
      case DATETIME: {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
          if (v[i] == null) {
            x[i] = Long.MIN_VALUE;
            continue;
          }
          Long ms = dateTime(v[i].trim());
          if (ms == null) {
            throw err.at(i, "expected a date-time like 2019-11-24 00:01:03[.979311][+00:00], got " + quote(v[i]));
          }
          x[i] = ms;
        }
        return LongColumn.create(name, x);
      }
      case STRING: {
        StringColumn c = StringColumn.create(name);
        for (int i = 0; i < n; i++) {
          if (v[i] == null) {
            c.appendMissing();
          } else {
            c.append(v[i]);
          }
        }
        return c;
      }
      default:
        throw new IllegalArgumentException("cannot parse a column as " + t);
    }
  }
}
