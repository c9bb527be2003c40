package siebench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what exact per-sample gradient norms need, in one batched backward pass (the "outer product"
 * identity of Goodfellow 2015, as used by GraNd in Paul et al. 2021).
 *
 * <p>For a layer {@code Z = A W^T + b} the gradient of sample {@code i}'s loss with respect to {@code W} is
 * the outer product {@code dZ_i A_i^T}, so its squared Frobenius norm is {@code |dZ_i|^2 |A_i|^2}, and that of
 * {@code b} is {@code |dZ_i|^2}. {@code dZ_i} is read from a zero "probe" tensor added to {@code Z}: since
 * samples do not interact in the forward pass, the gradient of the summed loss with respect to the probe's
 * row {@code i} is exactly sample {@code i}'s. Embedding rows are handled the same way (a probe on the looked-up
 * vectors: with per-field offsets no two fields of a sample share a row).
 *
 * <p>A probe is used for one forward/backward pass and then discarded.
 */
public final class Probe {
  /** The probe passed to a forward pass as parameter {@link CtrNetwork#PROBE}, or null without one. */
  public static Probe in(PairList<String, Object> params) {
    return params == null ? null : (Probe) params.get(CtrNetwork.PROBE);
  }

  /** One tapped layer: the probe (whose gradient is dZ), the input activation A (null: no weight term). */
  private record Tap(String name, NDArray probe, NDArray input, boolean bias) {}

  /**
   * What the gradient of a {@link #tapLayer}, {@link #tapLookup} or {@link #tapParameter} probe is the per-sample
   * gradient of: its kind, the parameter names it accounts for ({@code bias} null when none), the recorded input
   * activation (layers) or row indices (lookups).
   */
  public record ParameterTap(String name, Kind kind, String weight, String bias, NDArray probe, NDArray input,
      NDArray indices) {
    /** The per-sample gradient at the probe (after the backward pass). */
    public NDArray gradient() {
      return probe.getGradient();
    }
  }

  /** The three ways a parameter enters a batched forward pass. */
  public enum Kind {
    /**
     * {@code Z = A W' (+ b)} at {@code P} positions of each sample: {@code z} is {@code [B, P, out]}, {@code A}
     * is {@code [B, P, in]}; sample {@code i}'s gradient of {@code W} is {@code sum_p dZ_ip A_ip'}, of {@code b}
     * {@code sum_p dZ_ip}.
     */
    LAYER,
    /**
     * Rows of a table looked up: {@code z} is {@code [B, Q, k]} with row indices {@code [B, Q]}; sample {@code
     * i}'s gradient scatter-adds {@code dZ_iq} into row {@code idx_iq} (repeated rows add up).
     */
    LOOKUP,
    /**
     * The parameter itself broadcast to {@code [B, shape...]} (singleton axes allowed where the forward pass
     * broadcasts further): sample {@code i}'s gradient is {@code dZ_i}, flattened in the parameter's order.
     */
    PARAMETER
  }

  private final List<Tap> taps = new ArrayList<>();
  private final List<ParameterTap> parameterTaps = new ArrayList<>();

  /**
   * Adds a zero probe to the output {@code z} of a layer {@code Z = A W^T (+ b)} and records its input
   * {@code a}; with {@code a == null} the tapped tensor is itself a parameter lookup (an embedding row, a bias)
   * whose gradient is the probe's. Returns {@code z + probe}.
   */
  public NDArray tap(String name, NDArray z, NDArray a, boolean bias) {
    NDArray p = z.zerosLike();
    p.setRequiresGradient(true);
    taps.add(new Tap(name, p, a == null ? null : a.stopGradient(), bias));
    return z.add(p);
  }

  /** Taps {@code z = a W' (+ b)} of {@link Kind#LAYER} for parameters {@code weight} and {@code bias}. */
  public NDArray tapLayer(String name, NDArray z, NDArray a, String weight, String bias) {
    return described(name, Kind.LAYER, weight, bias, z, a.stopGradient(), null);
  }

  /** Taps vectors {@code z} looked up from table {@code table} at {@code indices} ({@link Kind#LOOKUP}). */
  public NDArray tapLookup(String name, NDArray z, NDArray indices, String table) {
    return described(name, Kind.LOOKUP, table, null, z, null, indices);
  }

  /** Taps parameter {@code parameter}'s value broadcast per sample ({@link Kind#PARAMETER}). */
  public NDArray tapParameter(String name, NDArray perSample, String parameter) {
    return described(name, Kind.PARAMETER, parameter, null, perSample, null, null);
  }

  private NDArray described(String name, Kind kind, String weight, String bias, NDArray z, NDArray a,
      NDArray indices) {
    NDArray p = z.zerosLike();
    p.setRequiresGradient(true);
    parameterTaps.add(new ParameterTap(name, kind, weight, bias, p, a, indices));
    return z.add(p);
  }

  /** The taps made with {@link #tapLayer}, {@link #tapLookup} and {@link #tapParameter}, in forward order. */
  public List<ParameterTap> parameterTaps() {
    return List.copyOf(parameterTaps);
  }

  /** The names of the tapped layers, in forward order. */
  public List<String> names() {
    return taps.stream().map(Tap::name).toList();
  }

  /**
   * Per-sample squared gradient norms contributed by the tapped layers, after the backward pass: a float32
   * array of shape [B]. For a tap with an input: {@code |dZ_i|^2 |A_i|^2} for the weight, plus {@code
   * |dZ_i|^2} when the layer has a bias; for a parameter-lookup tap: {@code |dZ_i|^2}.
   */
  public NDArray squaredNorms() {
    if (!parameterTaps.isEmpty()) {
      throw new UnsupportedOperationException("squared norms need layers tapped with tap(...); this probe has "
          + "position-shared layers or lookups (tapLayer / tapLookup / tapParameter): sum their per-sample "
          + "gradients first");
    }
    NDArray total = null;
    for (Tap t : taps) {
      NDArray g = t.probe.getGradient();
      long b = g.getShape().get(0);
      NDArray g2 = g.reshape(b, -1).square().sum(new int[] {1});
      NDArray term = g2;
      if (t.input != null) {
        NDArray a2 = t.input.reshape(b, -1).square().sum(new int[] {1});
        term = g2.mul(t.bias ? a2.add(1) : a2);
      }
      total = total == null ? term : total.add(term);
    }
    return total;
  }

  /** Per-sample gradients at the tap named {@code name}, shape of the tapped tensor (after backward). */
  public NDArray gradient(String name) {
    for (Tap t : taps) {
      if (t.name.equals(name)) {
        return t.probe.getGradient();
      }
    }
    throw new IllegalArgumentException("no tap '" + name + "'; taps are " + names());
  }

  /** The recorded input activation at the tap named {@code name}. */
  public NDArray input(String name) {
    for (Tap t : taps) {
      if (t.name.equals(name)) {
        return t.input;
      }
    }
    throw new IllegalArgumentException("no tap '" + name + "'; taps are " + names());
  }

  /** All probe arrays, so callers can close them. */
  public NDList arrays() {
    NDList l = new NDList();
    taps.forEach(t -> l.add(t.probe));
    parameterTaps.forEach(t -> l.add(t.probe()));
    return l;
  }
}
