package siebench.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Jupyter display bundle independent of any kernel library: MIME type to data (text, or base64 for binary
 * types such as {@code image/png}) and MIME type to metadata (e.g. the logical width and height of a PNG).
 */
public record MimeBundle(Map<String, Object> data, Map<String, Object> metadata) {
  public MimeBundle {
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** The data of one MIME type as text; fails naming the types present when it is missing. */
  public String text(String mime) {
    Object v = data.get(mime);
    if (v == null) {
      throw new IllegalArgumentException("no '" + mime + "' in bundle; have " + data.keySet());
    }
    return v.toString();
  }
}
