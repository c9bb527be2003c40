package org.dflib.jjava.jupyter.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.ContentType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Test support: attaches a kernel's real {@link JupyterIO} to a reply environment that records what the kernel
 * publishes (display_data, update_display_data, ...) instead of sending it to a socket, as JJava does
 * while a cell executes.
 */
public final class RecordingIO {
  private RecordingIO() {}

  /** Attaches {@code io} to a recording environment; returns the list that receives each published content. */
  public static List<Object> attach(JupyterIO io) {
    List<Object> published = Collections.synchronizedList(new ArrayList<>());
    io.setEnv(new ShellReplyEnvironment(null, null, null, null) {
      @Override
      public <T extends ContentType<T>> void publish(T content) {
        published.add(content);
      }
    });
    return published;
  }
}
