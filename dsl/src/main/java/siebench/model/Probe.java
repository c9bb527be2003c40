package siebench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
  /** One tapped layer: the probe (whose gradient is dZ), the input activation A (null: no weight term). */
  private record Tap(String name, NDArray probe, NDArray input, boolean bias) {}

  private final List<Tap> taps = new ArrayList<>();

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
    return l;
  }
}
