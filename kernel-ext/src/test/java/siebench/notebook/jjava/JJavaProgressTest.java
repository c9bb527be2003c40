package siebench.notebook.jjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.RecordingIO;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.notebook.ProgressDisplay;
import siebench.notebook.kernel.SiebenchKernel;

/** The JJava adapter end to end on a real JJava kernel (the bundled one) with its real display stream. */
class JJavaProgressTest {
  private Supplier<? extends Progress> saved = Progress.setStandard(Progress::silent);

  @AfterEach
  void restore() {
    Progress.setStandard(saved);
  }

  @Test
  void installOnMakesStandardProgressADisplayUpdatedInPlacePerCell() throws Exception {
    SiebenchKernel kernel = SiebenchKernel.create();
    List<Object> published = RecordingIO.attach(kernel.getIO());
    SiebenchExtension.installOn(kernel);
    Progress p = Progress.standard();
    assertInstanceOf(ProgressDisplay.class, p);

    p.update("train DeepFM", 0, 2, "start");
    p.update("train DeepFM", 1, 2, "loss 0.5");
    p.update("train DeepFM", 2, 2, "loss 0.4");
    assertEquals(3, published.size(), published.toString());
    PublishDisplayData first = assertInstanceOf(PublishDisplayData.class, published.get(0));
    assertTrue(first.hasDisplayId());
    for (Object o : published.subList(1, 3)) {
      PublishUpdateDisplayData u = assertInstanceOf(PublishUpdateDisplayData.class, o);
      assertEquals(first.getDisplayId(), u.getDisplayId());
    }
    String html = (String) ((PublishUpdateDisplayData) published.get(2)).getData(MIMEType.TEXT_HTML);
    assertTrue(html.contains("train DeepFM</b> 2/2 &#183; loss 0.4"), html);

    executionCount(kernel).incrementAndGet(); // the next cell
    p.update("train DeepFM", 1, 2, "");
    PublishDisplayData next = assertInstanceOf(PublishDisplayData.class, published.get(3));
    assertNotEquals(first.getDisplayId(), next.getDisplayId());
  }

  static AtomicInteger executionCount(Object kernel) throws ReflectiveOperationException {
    Field f = BaseKernel.class.getDeclaredField("executionCount");
    f.setAccessible(true);
    return (AtomicInteger) f.get(kernel);
  }
}
