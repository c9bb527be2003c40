package siebench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.w3c.dom.Document;

class ChartImagesTest {
  static XYChart chart() {
    XYChart c = new XYChartBuilder().width(400).height(300).title("Loss & AUC").build();
    c.addSeries("loss", new double[] {1, 2, 3}, new double[] {0.7, 0.5, 0.45});
    return c;
  }

  /** Reads the pHYs chunk straight from the PNG bytes: pixels per unit x, y and the unit byte. */
  static long[] phys(byte[] png) {
    ByteBuffer b = ByteBuffer.wrap(png);
    b.position(8); // signature
    while (b.remaining() >= 12) {
      int len = b.getInt();
      byte[] type = new byte[4];
      b.get(type);
      String t = new String(type, StandardCharsets.US_ASCII);
      if (t.equals("pHYs")) {
        long x = b.getInt() & 0xffffffffL;
        long y = b.getInt() & 0xffffffffL;
        return new long[] {x, y, b.get()};
      }
      b.position(b.position() + len + 4);
    }
    return null;
  }

  @Test
  void pngIsHighDpiWithResolutionChunk() throws IOException {
    byte[] png = ChartImages.png(chart(), 144);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(800, img.getWidth());
    assertEquals(600, img.getHeight());
    long[] p = phys(png);
    assertTrue(p != null, "pHYs chunk present");
    long ppm = Math.round(144 / 0.0254);
    assertTrue(Math.abs(p[0] - ppm) <= 1 && Math.abs(p[1] - ppm) <= 1, p[0] + " vs " + ppm);
    assertEquals(1, p[2], "unit is the metre");
    // the chart is drawn: many distinct colours, not a blank canvas
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 7) {
      for (int x = 0; x < img.getWidth(); x += 7) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertTrue(colours.size() > 5, "colours: " + colours.size());
  }

  @Test
  void dpiScalesPixelsAndIsBounded() throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(ChartImages.png(chart(), 72)));
    assertEquals(400, img.getWidth());
    assertThrows(IllegalArgumentException.class, () -> ChartImages.png(chart(), 5000));
  }

  @Test
  void base64AndImgTagRoundTrip() throws IOException {
    String b64 = ChartImages.pngBase64(chart(), 96);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
    assertEquals(Math.round(400 * 96 / 72.0), img.getWidth());
    String tag = ChartImages.imgTag(chart(), "a <chart>");
    Document d = Xml.parse(tag);
    assertEquals("400", d.getDocumentElement().getAttribute("width"));
    assertEquals("a <chart>", d.getDocumentElement().getAttribute("alt"));
    assertTrue(d.getDocumentElement().getAttribute("src").startsWith("data:image/png;base64,"));
    assertEquals("data:image/png;base64," + ChartImages.pngBase64(chart(), ChartImages.DEFAULT_DPI),
        ChartImages.dataUri(chart()));
  }

  @Test
  void svgIsWellFormedSvgWithTheChartSize() {
    String svg = ChartImages.svg(chart());
    Document d = Xml.parse(svg);
    assertEquals("svg", d.getDocumentElement().getLocalName() == null ? d.getDocumentElement().getTagName()
        : d.getDocumentElement().getLocalName());
    String w = d.getDocumentElement().getAttribute("width");
    assertTrue(w.startsWith("400"), "width " + w);
    assertTrue(svg.length() > 1000, "has drawing content");
  }
}
