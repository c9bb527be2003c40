package siebench.notebook;

import siebench.notebook.ijava.IJavaRenderers;
import siebench.notebook.jjava.SiebenchExtension;

/**
 * The one call a notebook makes: {@code siebench.notebook.Notebook.install();}. It detects the running kernel
 * and registers SIEBench's inline displays on it, and makes training and benchmark progress update one display
 * per cell in place ({@link ProgressDisplay}). Idempotent: calling it in every cell is harmless.
 *
 * <ul>
 *   <li>JJava (or the bundled {@code siebench} kernel, also built on JJava's kernel library): the
 *       {@link SiebenchExtension} is normally installed already through {@code META-INF/services}; install()
 *       only makes sure it is.</li>
 *   <li>IJava 1.3: registers the renderers on {@code IJava.getKernelInstance().getRenderer()} and progress on its
 *       display stream.</li>
 *   <li>No kernel (plain JVM, tests): does nothing and says so.</li>
 * </ul>
 *
 * <p>Why call it even under JJava: JJava loads extensions from jars added at run time through a class loader
 * of their own, so the classes the extension registers for can differ from the ones the notebook's code
 * loads. Called from a cell, install() registers for the classes the notebook actually uses; registration is
 * remembered per renderer and class loader, so nothing is registered twice for the same classes.
 */
public final class Notebook {
  /** The kind of kernel {@link #install()} found. */
  public enum Kernel { JJAVA, IJAVA, NONE }

  static final String JJAVA_BASE_KERNEL = "org.dflib.jjava.jupyter.kernel.BaseKernel";
  static final String BASEKERNEL = "io.github.spencerpark.jupyter.kernel.BaseKernel";

  private Notebook() {}

  /** Detects the running kernel and registers SIEBench's displays on it (once); returns what it found. */
  public static Kernel install() {
    ClassLoader loader = Notebook.class.getClassLoader();
    if (present(JJAVA_BASE_KERNEL, loader) && JJavaHook.install()) {
      return Kernel.JJAVA;
    }
    if (present(BASEKERNEL, loader) && IJavaHook.install(loader)) {
      return Kernel.IJAVA;
    }
    return Kernel.NONE;
  }

  /** The kernel that {@link #install()} would find, without registering anything. */
  public static Kernel detect() {
    ClassLoader loader = Notebook.class.getClassLoader();
    if (present(JJAVA_BASE_KERNEL, loader) && JJavaHook.running()) {
      return Kernel.JJAVA;
    }
    if (present(BASEKERNEL, loader) && IJavaHook.running(loader)) {
      return Kernel.IJAVA;
    }
    return Kernel.NONE;
  }

  private static boolean present(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Touches JJava classes only when they are present. */
  private static final class JJavaHook {
    static boolean running() {
      return kernel() != null;
    }

    /** The running JJava kernel; JJava's notebookKernel() throws rather than return null when there is none. */
    private static org.dflib.jjava.jupyter.kernel.BaseKernel kernel() {
      try {
        return org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel();
      } catch (NullPointerException | IllegalStateException e) {
        return null;
      }
    }

    static boolean install() {
      org.dflib.jjava.jupyter.kernel.BaseKernel k = kernel();
      if (k == null) {
        return false;
      }
      SiebenchExtension.installOn(k);
      return true;
    }
  }

  /** Touches basekernel (IJava) classes only when they are present. */
  private static final class IJavaHook {
    static boolean running(ClassLoader loader) {
      return IJavaRenderers.runningKernel(loader) != null;
    }

    static boolean install(ClassLoader loader) {
      io.github.spencerpark.jupyter.kernel.BaseKernel k = IJavaRenderers.runningKernel(loader);
      if (k == null) {
        return false;
      }
      IJavaRenderers.installOn(k);
      return true;
    }
  }
}
