package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * Test double of IJava 1.3's entry class (its jar is not on Maven Central): the same static
 * {@code getKernelInstance()} returning a real basekernel {@link BaseKernel}, as IJava's JavaKernel is. Null
 * unless a test sets one.
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

  /** Stands for IJava's JavaKernel: a basekernel kernel whose renderer, IO and execution count are inherited. */
  public static final class FakeKernel extends BaseKernel {
    @Override
    public DisplayData eval(String expr) {
      throw new UnsupportedOperationException("test kernel evaluates nothing");
    }

    @Override
    public LanguageInfo getLanguageInfo() {
      return new LanguageInfo("java", "17", "text/x-java-source", ".java", "java", "java", "java");
    }
  }
}
