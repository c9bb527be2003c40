package siebench.notebook.ijava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.RecordingIO;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.notebook.Notebook;
import siebench.notebook.ProgressDisplay;

/** The IJava adapter end to end: Notebook.install() on a basekernel kernel with its real display stream. */
class IJavaProgressTest {
  private Supplier<? extends Progress> saved = Progress.setStandard(Progress::silent);

  @AfterEach
  void restore() {
    Progress.setStandard(saved);
    IJava.setKernelInstance(null);
  }

  @Test
  void notebookInstallRoutesStandardProgressToOneDisplayPerCell() throws Exception {
    IJava.FakeKernel kernel = new IJava.FakeKernel();
    List<Object> published = RecordingIO.attach(kernel.getIO());
    IJava.setKernelInstance(kernel);
    assertEquals(Notebook.Kernel.IJAVA, Notebook.install());
    Progress p = Progress.standard();
    assertInstanceOf(ProgressDisplay.class, p);

    p.update("benchmark", 0, 3, "estimating grand (repeat 1/1)");
    p.update("benchmark", 1, 3, "estimating el2n (repeat 1/1)");
    assertEquals(2, published.size(), published.toString());
    PublishDisplayData first = assertInstanceOf(PublishDisplayData.class, published.get(0));
    PublishUpdateDisplayData update = assertInstanceOf(PublishUpdateDisplayData.class, published.get(1));
    assertEquals(first.getDisplayId(), update.getDisplayId());
    assertTrue(((String) update.getData(MIMEType.TEXT_PLAIN)).startsWith("benchmark 1/3"),
        update.getData(MIMEType.TEXT_PLAIN).toString());

    Field f = BaseKernel.class.getDeclaredField("executionCount");
    f.setAccessible(true);
    ((AtomicInteger) f.get(kernel)).incrementAndGet();
    p.update("benchmark", 2, 3, "");
    assertNotEquals(first.getDisplayId(),
        assertInstanceOf(PublishDisplayData.class, published.get(2)).getDisplayId());
  }
}
