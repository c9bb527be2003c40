package siebench.report;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The one chart renderer of SIEBench, used by the HTML report, the saved PNG files and the notebooks (which only
 * wrap its output into a MIME bundle): high-DPI PNG (the chart is painted at {@code dpi / 72} times its
 * logical size and the PNG carries a {@code pHYs} chunk with the resolution, while the notebook is told the
 * logical width and height so the image stays sharp on high-density screens) and SVG through XChart's
 * {@link VectorGraphicsEncoder} (VectorGraphics2D is a dependency of XChart, so SVG needs nothing extra).
 * Works headless ({@code -Djava.awt.headless=true}).
 */
public final class ChartImages {
  /** The default resolution: twice the 72-dpi logical size. */
  public static final int DEFAULT_DPI = 144;

  private ChartImages() {}

  /** PNG bytes at {@link #DEFAULT_DPI}. */
  public static byte[] png(Chart<?, ?> chart) {
    return png(chart, DEFAULT_DPI);
  }

  /**
   * PNG bytes of the chart painted at {@code dpi}: the image is {@code round(width * dpi / 72)} by
   * {@code round(height * dpi / 72)} pixels.
   *
   * @throws IllegalArgumentException when {@code dpi} is outside [36, 1200]
   */
  public static byte[] png(Chart<?, ?> chart, int dpi) {
    if (dpi < 36 || dpi > 1200) {
      throw new IllegalArgumentException("dpi must be in [36, 1200], got " + dpi);
    }
    double scale = dpi / 72.0;
    int w = chart.getWidth();
    int h = chart.getHeight();
    BufferedImage img = new BufferedImage((int) Math.round(w * scale), (int) Math.round(h * scale),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.scale(scale, scale);
      chart.paint(g, w, h);
    } finally {
      g.dispose();
    }
    return encodePng(img, dpi);
  }

  /** Base64 of {@link #png(Chart, int)}, the form Jupyter's {@code image/png} output carries. */
  public static String pngBase64(Chart<?, ?> chart, int dpi) {
    return Base64.getEncoder().encodeToString(png(chart, dpi));
  }

  /** The PNG at {@link #DEFAULT_DPI} as a {@code data:image/png;base64,...} URI, for embedding in HTML. */
  public static String dataUri(Chart<?, ?> chart) {
    return "data:image/png;base64," + pngBase64(chart, DEFAULT_DPI);
  }

  /** An {@code <img>} element embedding the PNG ({@link #dataUri}), sized to the chart's logical size. */
  public static String imgTag(Chart<?, ?> chart, String alt) {
    return "<img alt=\"" + Html.escape(alt) + "\" width=\"" + chart.getWidth() + "\" height=\"" + chart.getHeight()
        + "\" src=\"" + dataUri(chart) + "\"/>";
  }

  /** The chart as an SVG document. */
  public static String svg(Chart<?, ?> chart) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode chart '" + chart.getTitle() + "' as SVG", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static byte[] encodePng(BufferedImage img, int dpi) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("no PNG ImageWriter available in this JVM");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
      setDpi(meta, dpi);
      writer.setOutput(out);
      writer.write(null, new IIOImage(img, null, meta), param);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode PNG", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static void setDpi(IIOMetadata meta, int dpi) {
    // the PNG-native format is unambiguous: pixels per metre (the standard format's millimetre pixel size is
    // mis-converted by some JDK PNG writers)
    String ppm = Long.toString(Math.round(dpi / 0.0254));
    IIOMetadataNode phys = new IIOMetadataNode("pHYs");
    phys.setAttribute("pixelsPerUnitXAxis", ppm);
    phys.setAttribute("pixelsPerUnitYAxis", ppm);
    phys.setAttribute("unitSpecifier", "meter");
    IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
    root.appendChild(phys);
    try {
      meta.mergeTree("javax_imageio_png_1.0", root);
    } catch (IIOInvalidTreeException e) {
      throw new IllegalStateException("PNG writer rejected the resolution metadata", e);
    }
  }
}
