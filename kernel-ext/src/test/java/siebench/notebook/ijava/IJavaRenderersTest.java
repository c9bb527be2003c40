package siebench.notebook.ijava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import siebench.notebook.Notebook;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class IJavaRenderersTest {
  @AfterEach
  void noKernel() {
    IJava.setKernelInstance(null);
  }

  @Test
  void rendersTablesAndChartsOnTheBasekernelRenderer() throws Exception {
    Renderer r = new Renderer();
    assertTrue(IJavaRenderers.register(r));
    DisplayData t = r.render(Table.create("t", IntColumn.create("x", new int[] {7})));
    assertTrue(((String) t.getData(MIMEType.TEXT_HTML)).contains("<table>"));
    XYChart c = new XYChartBuilder().width(200).height(100).title("c").build();
    c.addSeries("s", new double[] {1, 2}, new double[] {1, 2});
    DisplayData d = r.render(c);
    byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
    assertEquals(400, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
    assertTrue(((String) r.renderAs(c, "image/svg+xml").getData(MIMEType.IMAGE_SVG)).contains("<svg"));
  }

  @Test
  void notebookInstallFindsTheRunningIJavaKernelOnce() {
    assertEquals(Notebook.Kernel.NONE, Notebook.install(), "no kernel instance yet");
    IJava.FakeKernel k = new IJava.FakeKernel();
    IJava.setKernelInstance(k);
    assertSame(k, IJavaRenderers.runningKernel(getClass().getClassLoader()));
    assertEquals(Notebook.Kernel.IJAVA, Notebook.detect());
    assertNull(k.getRenderer().render(Table.create("t")).getData(MIMEType.TEXT_HTML), "detect() registers nothing");
    assertEquals(Notebook.Kernel.IJAVA, Notebook.install());
    assertEquals(Notebook.Kernel.IJAVA, Notebook.install());
    assertFalse(IJavaRenderers.register(k.getRenderer()), "already registered by install()");
    assertTrue(((String) k.getRenderer().render(Table.create("t")).getData(MIMEType.TEXT_HTML)).contains("<table>"));
  }
}
