package siebench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/** Reading a block's parameters inside its forward pass, with or without a DJL {@link ParameterStore}. */
public final class ParameterArrays {
  private ParameterArrays() {}

  /** The parameter's value on {@code like}'s device from the store, or its own array when there is no store. */
  public static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
    return ps == null ? p.getArray() : ps.getValue(p, like.getDevice(), training);
  }

  /** The rows of embedding table {@code table} at {@code idx} ([B, F] indices give [B, F, k]). */
  public static NDArray lookup(ParameterStore ps, Parameter table, NDArray idx, boolean training) {
    return idx.getNDArrayInternal().embedding(idx, value(ps, table, idx, training), SparseFormat.DENSE).get(0);
  }

  /** A copy of the parameter's current array owned by {@code m} (no gradient link to the parameter). */
  public static NDArray copy(Parameter p, NDManager m) {
    NDArray c = p.getArray().duplicate();
    c.attach(m);
    return c;
  }
}
