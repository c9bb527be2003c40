package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.kernel.display.Renderer;

/**
 * Test double of IJava 1.3's entry class (its jar is not on Maven Central): the same static
 * {@code getKernelInstance()} returning a kernel whose {@code getRenderer()} is a real basekernel
 * {@link Renderer}. Null unless a test sets one.
 */
public final class IJava {
  private static volatile FakeKernel instance;

  private IJava() {}

  public static Object getKernelInstance() {
    return instance;
  }

  public static void setKernelInstance(FakeKernel k) {
    instance = k;
  }

  /** Stands for IJava's JavaKernel, which inherits getRenderer() from the basekernel's BaseKernel. */
  public static final class FakeKernel {
    private final Renderer renderer = new Renderer();

    public Renderer getRenderer() {
      return renderer;
    }
  }
}
