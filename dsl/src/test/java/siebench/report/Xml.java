package siebench.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Test helper: parses renderer output as XML, an independent check that the markup is well formed. */
final class Xml {
  private Xml() {}

  static Document parse(String markup) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(markup.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("not well-formed: " + e.getMessage() + "\n" + markup, e);
    }
  }

  static List<Element> elements(Document d, String tag) {
    NodeList nl = d.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nl.getLength(); i++) {
      out.add((Element) nl.item(i));
    }
    return out;
  }

  /** The text of every td of a tbody row, in order. */
  static List<List<String>> bodyCells(Element table) {
    List<List<String>> rows = new ArrayList<>();
    NodeList trs = ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
    for (int i = 0; i < trs.getLength(); i++) {
      Element tr = (Element) trs.item(i);
      List<String> cells = new ArrayList<>();
      cells.add(tr.getElementsByTagName("th").item(0).getTextContent());
      NodeList tds = tr.getElementsByTagName("td");
      for (int j = 0; j < tds.getLength(); j++) {
        cells.add(tds.item(j).getTextContent());
      }
      rows.add(cells);
    }
    return rows;
  }
}
