package siebench.features;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import siebench.data.Role;
import siebench.data.Samples;
import tech.tablesaw.api.DoubleColumn;

/**
 * Item text (e.g. titles) embedded by a user-provided TorchScript model, cached per item and added to the
 * samples as numeric feature columns {@code <prefix>_0 .. <prefix>_{d-1}}.
 *
 * <p>Contract of the model file: it takes one int64 tensor {@code [N, maxTokens]} of token ids (0 = padding)
 * and returns one float tensor {@code [N, d]}. Text is tokenized here, deterministically and without a
 * vocabulary file: lower-cased, split on non-letters/digits, each word hashed into {@code 1 .. buckets - 1}
 * (so the model's embedding table needs {@code buckets} rows), truncated or zero-padded to {@code maxTokens}.
 * The file is read from the local path only (DJL offline); a missing file, a model that does not load, or an
 * output of the wrong rank or row count fails with a message naming the file and the shapes.
 */
public final class TorchScriptEncoder {
  private final Path file;
  private final int maxTokens;
  private final int buckets;
  private final int batch;

  TorchScriptEncoder(Path file, int maxTokens, int buckets, int batch) {
    this.file = file;
    this.maxTokens = maxTokens;
    this.buckets = buckets;
    this.batch = batch;
  }

  /** Tokens per text (default 32). */
  public TorchScriptEncoder maxTokens(int n) {
    return new TorchScriptEncoder(file, n, buckets, batch);
  }

  /** Hash buckets of the tokenizer, i.e. the rows the model's token embedding must have (default 65,536). */
  public TorchScriptEncoder buckets(int n) {
    return new TorchScriptEncoder(file, maxTokens, n, batch);
  }

  /** Token ids of one text, as described in the class documentation. */
  public long[] tokenize(String text) {
    long[] ids = new long[maxTokens];
    if (text == null) {
      return ids;
    }
    int n = 0;
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.isEmpty() || n == maxTokens) {
        continue;
      }
      ids[n++] = 1 + Math.floorMod(w.hashCode() * 0x9E3779B1, buckets - 1);
    }
    return ids;
  }

  /** Embeds each distinct text once and returns one vector per distinct text. */
  public Map<String, float[]> embed(List<String> texts) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("TorchScript model file not found: " + file.toAbsolutePath()
          + " (the encoder reads local files only; export one with torch.jit.save)");
    }
    List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(texts));
    Map<String, float[]> out = new LinkedHashMap<>();
    Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
        .optModelPath(file).optEngine("PyTorch").optTranslator(new NoopTranslator()).build();
    try (ZooModel<NDList, NDList> model = criteria.loadModel();
        Predictor<NDList, NDList> predictor = model.newPredictor();
        NDManager m = NDManager.newBaseManager()) {
      for (int start = 0; start < distinct.size(); start += batch) {
        int end = Math.min(distinct.size(), start + batch);
        long[] ids = new long[(end - start) * maxTokens];
        for (int i = start; i < end; i++) {
          System.arraycopy(tokenize(distinct.get(i)), 0, ids, (i - start) * maxTokens, maxTokens);
        }
        NDArray x = m.create(ids, new Shape(end - start, maxTokens));
        NDArray y = predictor.predict(new NDList(x)).get(0);
        Shape s = y.getShape();
        if (s.dimension() != 2 || s.get(0) != end - start) {
          throw new IllegalStateException("TorchScript model " + file + " returned shape " + s + " for input "
              + x.getShape() + "; expected [" + (end - start) + ", d]");
        }
        float[] flat = y.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        int d = (int) s.get(1);
        for (int i = 0; i < end - start; i++) {
          float[] v = new float[d];
          System.arraycopy(flat, i * d, v, 0, d);
          out.put(distinct.get(start + i), v);
        }
      }
    } catch (ModelNotFoundException | MalformedModelException | IOException e) {
      throw new IllegalArgumentException("cannot load TorchScript model " + file + ": " + e.getMessage(), e);
    } catch (TranslateException e) {
      throw new IllegalStateException("TorchScript model " + file + " failed on int64 [N, " + maxTokens
          + "] token ids: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The samples with the embedding of {@code textColumn} added as numeric features {@code prefix_0 ..}; each
   * item (by the item role, or by text when there is none) is embedded once.
   */
  public Samples addTo(Samples samples, String textColumn, String prefix) {
    String[] text = samples.strings(textColumn);
    String[] key = samples.schema().column(Role.ITEM).map(samples::strings).orElse(text);
    Map<String, String> textOfKey = new LinkedHashMap<>();
    for (int i = 0; i < text.length; i++) {
      textOfKey.putIfAbsent(key[i], text[i] == null ? "" : text[i]);
    }
    Map<String, float[]> byText = embed(new ArrayList<>(textOfKey.values()));
    int d = byText.values().iterator().next().length;
    String[] names = new String[d];
    DoubleColumn[] cols = new DoubleColumn[d];
    for (int j = 0; j < d; j++) {
      names[j] = prefix + "_" + j;
      cols[j] = DoubleColumn.create(names[j], text.length);
      for (int i = 0; i < text.length; i++) {
        cols[j].set(i, byText.get(textOfKey.get(key[i]))[j]);
      }
    }
    return samples.withColumns(cols).numeric(names);
  }
}
