package siebench.notebook.jjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import siebench.importance.Importance;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class SiebenchExtensionTest {
  static Table table() {
    return Table.create("t <1>", DoubleColumn.create("x", new double[] {1.5, 2.25}));
  }

  static XYChart chart() {
    XYChart c = new XYChartBuilder().width(300).height(200).title("c").build();
    c.addSeries("s", new double[] {1, 2}, new double[] {3, 4});
    return c;
  }

  @Test
  void registeredThroughServiceLoader() {
    List<String> found = ServiceLoader.load(Extension.class).stream().map(p -> p.type().getName()).toList();
    assertTrue(found.contains(SiebenchExtension.class.getName()), found.toString());
  }

  @Test
  void tableRendersAsHtmlAndText() {
    Renderer r = new Renderer();
    assertTrue(SiebenchExtension.register(r));
    DisplayData d = r.render(table());
    String html = (String) d.getData(MIMEType.TEXT_HTML);
    assertTrue(html.contains("<table>") && html.contains("t &lt;1&gt;") && html.contains("2.25"), html);
    assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).contains("2.25"));
  }

  @Test
  void chartRendersAsHighDpiPngWithLogicalSizeAndAsSvgOnRequest() throws Exception {
    Renderer r = new Renderer();
    SiebenchExtension.register(r);
    DisplayData d = r.render(chart());
    byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
    assertEquals(600, ImageIO.read(new ByteArrayInputStream(png)).getWidth());
    assertNull(d.getData(MIMEType.IMAGE_SVG), "SVG only on request");
    String json = new com.google.gson.Gson().toJson(d);
    assertTrue(json.contains("\"image/png\":{\"width\":300,\"height\":200}"), json);
    DisplayData svg = r.renderAs(chart(), "image/svg+xml");
    assertTrue(((String) svg.getData(MIMEType.IMAGE_SVG)).contains("<svg"));
    assertNull(svg.getData(MIMEType.IMAGE_PNG));
  }

  @Test
  void importanceRendersItsSummary() {
    Renderer r = new Renderer();
    SiebenchExtension.register(r);
    Importance imp = new Importance("loss", Map.of(), new long[] {1, 2, 3}, new double[] {0.5, 0.1, 0.9},
        Importance.Cost.NONE);
    DisplayData d = r.render(imp);
    String html = (String) d.getData(MIMEType.TEXT_HTML);
    assertTrue(html.contains("Importance: loss") && html.contains("<img"), html);
    assertEquals(imp.toString(), d.getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void registeringTwiceIsANoOpAndOtherTypesAreUntouched() {
    Renderer r = new Renderer();
    assertTrue(SiebenchExtension.register(r));
    assertFalse(SiebenchExtension.register(r));
    assertTrue(SiebenchExtension.isRegistered(r));
    DisplayData d = r.render("just a string");
    assertNotNull(d.getData(MIMEType.TEXT_PLAIN));
    assertNull(d.getData(MIMEType.TEXT_HTML));
  }
}
