package siebench.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Picks the DJL device: a GPU when the PyTorch engine sees one, else the CPU. */
public final class Devices {
  private Devices() {}

  static {
    // DJL must never try to download native libraries unless the user opts in (-Dai.djl.offline=false).
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
  }

  /** "auto": GPU 0 when {@code Engine.getGpuCount() > 0}, else CPU; "cpu"; "gpu" (fails when none). */
  public static Device pick(String choice) {
    int gpus = Engine.getInstance().getGpuCount();
    return switch (choice) {
      case "cpu" -> Device.cpu();
      case "gpu" -> {
        if (gpus == 0) {
          throw new IllegalStateException("device gpu requested, but DJL's " + Engine.getInstance().getEngineName()
              + " engine sees no GPU (CUDA native libraries are fetched by DJL only when online)");
        }
        yield Device.gpu();
      }
      default -> gpus > 0 ? Device.gpu() : Device.cpu();
    };
  }

  /** A one-line description, e.g. "cpu (PyTorch 2.7.1, 2 threads)". */
  public static String describe(Device d) {
    Engine e = Engine.getInstance();
    return d + " (" + e.getEngineName() + " " + e.getVersion() + ")";
  }
}
