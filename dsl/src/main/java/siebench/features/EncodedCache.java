package siebench.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import siebench.core.Progress;
import siebench.data.io.RawRows;

/**
 * A file encoded once into a compact columnar binary cache and read back a range at a time (positional reads), for
 * data larger than memory: {@code cat.i32} ([n, F] global embedding rows as int32), {@code dense.f32} ([n, D]), {@code
 * label.f32}, {@code weight.f32} (1 for every row) and {@code rowid.i64}, all little-endian: 172 bytes per Criteo
 * row, 1.72 GB for 10M rows, held by the page cache, not the heap. {@code cache.properties}
 * (written last, so an interrupted build is never reused) records the source's absolute path, size and
 * modification time and the SHA-256 of the encoder ({@code encoder.tsv} in {@link EncoderFormat}); the cache is
 * reused when all of them match and rebuilt otherwise. {@link #encoder} likewise keeps the fitted encoder of a
 * {@link StreamingEncoder} pass ({@code fit.properties}: source key and options), so a second run over an
 * unchanged file reads neither pass again. The column layout follows the binary preprocessed Criteo files of
 * DLRM (Naumov et al. 2019, "Deep Learning Recommendation Model for Personalization and Recommendation Systems").
 */
public final class EncodedCache implements BatchSource, AutoCloseable {
  /** Version of the cache layout; a cache of another version is rebuilt. */
  public static final int FORMAT = 1;

  private static final String HEADER = "cache.properties";
  private static final String FIT = "fit.properties";
  private static final String FIT_ENCODER = "fit-encoder.tsv";
  private static final int WRITE_ROWS = 1 << 16;

  private final Path dir;
  private final FeatureLayout layout;
  private final long rows;
  private final boolean reused;
  private final FileChannel cat;
  private final FileChannel dense;
  private final FileChannel label;
  private final FileChannel weight;
  private final FileChannel rowId;

  private EncodedCache(Path dir, FeatureLayout layout, long rows, boolean reused) throws IOException {
    this.dir = dir;
    this.layout = layout;
    this.rows = rows;
    this.reused = reused;
    this.cat = FileChannel.open(dir.resolve("cat.i32"), StandardOpenOption.READ);
    this.dense = FileChannel.open(dir.resolve("dense.f32"), StandardOpenOption.READ);
    this.label = FileChannel.open(dir.resolve("label.f32"), StandardOpenOption.READ);
    this.weight = FileChannel.open(dir.resolve("weight.f32"), StandardOpenOption.READ);
    this.rowId = FileChannel.open(dir.resolve("rowid.i64"), StandardOpenOption.READ);
  }

  /**
   * The encoder fitted by {@link StreamingEncoder} on {@code source} with {@code options}, kept in {@code dir}:
   * read back when {@code dir} holds a fit of the unchanged source with the same options, else fitted (one pass)
   * and saved.
   */
  public static FeatureEncoder encoder(RawRows.Source source, EncoderOptions options, Path dir, Progress progress) {
    try {
      Files.createDirectories(dir);
      Properties want = sourceKey(source.path());
      want.setProperty("options", options.toString());
      Properties have = readProperties(dir.resolve(FIT));
      if (have != null && have.equals(want) && Files.isRegularFile(dir.resolve(FIT_ENCODER))) {
        progress.update("fit encoder", 1, 1, "reused " + dir.resolve(FIT_ENCODER) + " (source unchanged)");
        return EncoderFormat.read(dir.resolve(FIT_ENCODER));
      }
      Files.deleteIfExists(dir.resolve(FIT));
      FeatureEncoder e = StreamingEncoder.fit(source, options, progress);
      EncoderFormat.write(e, dir.resolve(FIT_ENCODER));
      writeProperties(dir.resolve(FIT), want);
      return e;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use cache directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The cache of {@code source} encoded with {@code encoder} in directory {@code dir} (created if needed): the
   * existing one when its header matches the source and the encoder, else built in one pass (reporting to {@code
   * progress}, stopping when it is cancelled). The encoder's {@link FeatureEncoder#report()} gets the pass's
   * missing and out-of-vocabulary counts either way.
   */
  public static EncodedCache open(RawRows.Source source, FeatureEncoder encoder, Path dir, Progress progress) {
    if (encoder.layout().hasHistory()) {
      throw new IllegalArgumentException("the binary cache holds no behavior histories; load such data in memory");
    }
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("encoder.tsv.tmp");
      EncoderFormat.write(encoder, tmp);
      Properties want = sourceKey(source.path());
      want.setProperty("encoder.sha256", sha256(tmp));
      Properties have = readProperties(dir.resolve(HEADER));
      if (have != null && matches(have, want)) {
        Files.delete(tmp);
        long n = Long.parseLong(have.getProperty("rows"));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String k : have.stringPropertyNames()) {
          if (k.startsWith("count.")) {
            counts.put(k.substring(6), Long.parseLong(have.getProperty(k)));
          }
        }
        encoder.countAll(counts);
        progress.update("encode", 1, 1, String.format("reused cache %s (%,d rows; source and encoder unchanged)",
            dir, n));
        return new EncodedCache(dir, encoder.layout(), n, true);
      }
      Files.deleteIfExists(dir.resolve(HEADER));
      Files.move(tmp, dir.resolve("encoder.tsv"), StandardCopyOption.REPLACE_EXISTING);
      Map<String, Long> counts = build(source, encoder, dir, progress);
      long n = counts.remove("rows");
      encoder.countAll(counts);
      want.setProperty("rows", Long.toString(n));
      want.setProperty("fields", Integer.toString(encoder.layout().fields()));
      want.setProperty("dense", Integer.toString(encoder.layout().dense()));
      counts.forEach((k, v) -> want.setProperty("count." + k, Long.toString(v)));
      writeProperties(dir.resolve(HEADER), want);
      return new EncodedCache(dir, encoder.layout(), n, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use cache directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean matches(Properties have, Properties want) {
    for (String k : want.stringPropertyNames()) {
      if (!want.getProperty(k).equals(have.getProperty(k))) {
        return false;
      }
    }
    return have.getProperty("rows") != null;
  }

  /** One pass: encodes every row and appends it to the column files; returns the counts and "rows". */
  private static Map<String, Long> build(RawRows.Source source, FeatureEncoder encoder, Path dir, Progress progress)
      throws IOException {
    FeatureLayout layout = encoder.layout();
    int nf = layout.fields();
    int nd = layout.dense();
    long[] offsets = layout.offsets();
    progress.checkCancelled();
    try (RawRows in = source.open();
        FileChannel cat = create(dir.resolve("cat.i32"));
        FileChannel den = create(dir.resolve("dense.f32"));
        FileChannel lab = create(dir.resolve("label.f32"));
        FileChannel wei = create(dir.resolve("weight.f32"));
        FileChannel ids = create(dir.resolve("rowid.i64"))) {
      int nc = encoder.categorical.size();
      int[] catAt = columns(encoder.categorical, in.categoricalNames(), source);
      int[] bucketAt = columns(encoder.bucketized, in.numericNames(), source);
      int[] denseAt = columns(encoder.dense, in.numericNames(), source);
      long[] missing = new long[nc + encoder.bucketized.size() + nd];
      long[] oov = new long[nc];
      ByteBuffer cb = buffer(WRITE_ROWS * nf * 4);
      ByteBuffer db = buffer(WRITE_ROWS * nd * 4);
      ByteBuffer lb = buffer(WRITE_ROWS * 4);
      ByteBuffer wb = buffer(WRITE_ROWS * 4);
      ByteBuffer ib = buffer(WRITE_ROWS * 8);
      String task = "encode " + source.path().getFileName() + " into " + dir;
      long t0 = System.nanoTime();
      long r = 0;
      while (in.next()) {
        for (int f = 0; f < nc; f++) {
          String v = in.categorical(catAt[f]);
          int idx = encoder.categoricalIndex(encoder.vocabularies.get(f), v);
          if (v == null) {
            missing[f]++;
          } else if (idx == FeatureEncoder.OOV && encoder.options.hashBuckets() == 0) {
            oov[f]++;
          }
          cb.putInt(Math.toIntExact(offsets[f] + idx));
        }
        for (int b = 0; b < bucketAt.length; b++) {
          double x = in.numeric(bucketAt[b]);
          missing[nc + b] += Double.isNaN(x) ? 1 : 0;
          cb.putInt(Math.toIntExact(offsets[nc + b] + FeatureEncoder.bucketIndex(encoder.bucketEdges.get(b), x)));
        }
        for (int j = 0; j < nd; j++) {
          double x = in.numeric(denseAt[j]);
          missing[nc + bucketAt.length + j] += Double.isNaN(x) ? 1 : 0;
          db.putFloat(encoder.denseValue(j, x));
        }
        lb.putFloat(in.label());
        wb.putFloat(1f);
        ib.putLong(in.rowId());
        if (++r % WRITE_ROWS == 0) {
          flush(cat, cb, den, db, lab, lb, wei, wb, ids, ib);
        }
        if (r % StreamingEncoder.PROGRESS_EVERY == 0) {
          progress.checkCancelled();
          StreamingEncoder.report(progress, task, in, r, t0);
        }
      }
      flush(cat, cb, den, db, lab, lb, wei, wb, ids, ib);
      if (r % StreamingEncoder.PROGRESS_EVERY != 0) {
        StreamingEncoder.report(progress, task, in, r, t0);
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      List<String> names = new java.util.ArrayList<>(encoder.categorical);
      names.addAll(encoder.bucketized);
      names.addAll(encoder.dense);
      for (int k = 0; k < missing.length; k++) {
        if (missing[k] > 0) {
          counts.put("missing:" + names.get(k), missing[k]);
        }
      }
      for (int f = 0; f < nc; f++) {
        if (oov[f] > 0) {
          counts.put("oov:" + names.get(f), oov[f]);
        }
      }
      counts.put("rows", r);
      return counts;
    }
  }

  private static int[] columns(List<String> wanted, List<String> have, RawRows.Source source) {
    int[] at = new int[wanted.size()];
    for (int k = 0; k < at.length; k++) {
      at[k] = have.indexOf(wanted.get(k));
      if (at[k] < 0) {
        throw new IllegalArgumentException(source.path() + " has no column '" + wanted.get(k)
            + "' that the encoder needs; its columns are " + have);
      }
    }
    return at;
  }

  private static FileChannel create(Path p) throws IOException {
    return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
  }

  private static ByteBuffer buffer(int bytes) {
    return ByteBuffer.allocateDirect(Math.max(bytes, 8)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void flush(Object... channelsAndBuffers) throws IOException {
    for (int k = 0; k < channelsAndBuffers.length; k += 2) {
      FileChannel c = (FileChannel) channelsAndBuffers[k];
      ByteBuffer b = (ByteBuffer) channelsAndBuffers[k + 1];
      b.flip();
      while (b.hasRemaining()) {
        c.write(b);
      }
      b.clear();
    }
  }

  /** Whether {@link #open} found a matching cache instead of building it. */
  public boolean reused() {
    return reused;
  }

  /** The cache directory. */
  public Path directory() {
    return dir;
  }

  @Override
  public FeatureLayout layout() {
    return layout;
  }

  @Override
  public long size() {
    return rows;
  }

  @Override
  public EncodedData read(long start, int count) {
    BatchSource.checkRange(start, count, rows);
    int nf = layout.fields();
    int nd = layout.dense();
    try {
      int[] c32 = new int[count * nf];
      read(cat, start * nf * 4, count * nf * 4L).asIntBuffer().get(c32);
      long[] c = new long[c32.length];
      for (int i = 0; i < c.length; i++) {
        c[i] = c32[i];
      }
      float[] d = new float[count * nd];
      read(dense, start * nd * 4, count * nd * 4L).asFloatBuffer().get(d);
      float[] y = new float[count];
      read(label, start * 4, count * 4L).asFloatBuffer().get(y);
      float[] w = new float[count];
      read(weight, start * 4, count * 4L).asFloatBuffer().get(w);
      long[] ids = new long[count];
      read(rowId, start * 8, count * 8L).asLongBuffer().get(ids);
      return new EncodedData(layout, count, c, d, y, w, ids);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the cache in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Bytes {@code [at, at + bytes)} of the file, read into a heap buffer (little-endian). Positional reads, not
   * mappings: a mapped region stays mapped, and its pages count towards the process's resident memory, until the
   * garbage collector happens to release the buffer; over an epoch of a 10M-row cache that had added gigabytes.
   */
  private static ByteBuffer read(FileChannel c, long at, long bytes) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (c.read(b, at + b.position()) < 0) {
        throw new IOException("the cache file ends before byte " + (at + bytes));
      }
    }
    return b.flip();
  }

  @Override
  public void close() {
    for (FileChannel c : new FileChannel[] {cat, dense, label, weight, rowId}) {
      try {
        c.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the cache in " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  /** Path (absolute), size, modification time of the source and the cache format. */
  private static Properties sourceKey(Path source) throws IOException {
    Properties p = new Properties();
    p.setProperty("format", Integer.toString(FORMAT));
    p.setProperty("source", source.toAbsolutePath().normalize().toString());
    p.setProperty("source.size", Long.toString(Files.size(source)));
    p.setProperty("source.mtime", Long.toString(Files.getLastModifiedTime(source).toMillis()));
    return p;
  }

  private static Properties readProperties(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      return null;
    }
    Properties out = new Properties();
    try (InputStream in = Files.newInputStream(p)) {
      out.load(in);
    }
    return out;
  }

  private static void writeProperties(Path p, Properties props) throws IOException {
    Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      props.store(out, "siebench cache header");
    }
    Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String sha256(Path p) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(p)) {
        byte[] buf = new byte[1 << 16];
        for (int k; (k = in.read(buf)) > 0; ) {
          md.update(buf, 0, k);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
