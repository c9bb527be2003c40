package siebench.features;

import java.nio.file.Path;

/** Static factories for pretrained item encoders loaded from local files (no network access at run time). */
public final class Encoders {
  private Encoders() {}

  /**
   * An encoder backed by a TorchScript model file the user provides (exported with {@code torch.jit.save}). It
   * is loaded by DJL's PyTorch engine from the local path only; see {@link TorchScriptEncoder}.
   */
  public static TorchScriptEncoder torchScript(Path file) {
    return new TorchScriptEncoder(file, 32, 1 << 16, 64);
  }
}
