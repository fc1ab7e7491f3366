package io.sensepulse.camera.onvif;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The JDK's DOM parser, hardened for answers from devices on the network: no DTDs at all (so no
 * external or expanding entities), no external schemas, no XInclude. Lookups go by local name:
 * cameras agree on the ONVIF namespaces but not on their prefixes.
 */
public final class SafeXml {
  private SafeXml() {}

  private static final DocumentBuilderFactory FACTORY = hardenedFactory();

  /** Throws the first problem instead of printing "[Fatal Error]" to stderr as the default handler does. */
  private static final ErrorHandler FAIL_FAST = new ErrorHandler() {
    @Override
    public void warning(SAXParseException exception) {}

    @Override
    public void error(SAXParseException exception) throws SAXException {
      throw exception;
    }

    @Override
    public void fatalError(SAXParseException exception) throws SAXException {
      throw exception;
    }
  };

  private static DocumentBuilderFactory hardenedFactory() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      return factory;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be hardened", e);
    }
  }

  /** What {@link #parse} throws for text that is not well-formed XML, or carries a DOCTYPE. */
  public static final class NotXml extends IllegalArgumentException {
    NotXml(String parserMessage) {
      // The parser's own words for a DOCTYPE name its feature URL; say it plainly.
      super("not XML (" + (parserMessage != null && parserMessage.contains("DOCTYPE")
          ? "a DOCTYPE, which is refused" : parserMessage) + ")");
    }
  }

  /** The document, or {@link NotXml} for anything else, a DOCTYPE included. */
  public static Document parse(String xml) {
    try {
      DocumentBuilder builder;
      synchronized (FACTORY) {
        builder = FACTORY.newDocumentBuilder();
      }
      builder.setErrorHandler(FAIL_FAST);
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (SAXException e) {
      throw new NotXml(e.getMessage());
    } catch (IOException | ParserConfigurationException e) {
      throw new IllegalStateException("cannot parse XML", e);
    }
  }

  /** Every descendant element with this local name, in document order. */
  public static List<Element> descendants(Node root, String localName) {
    List<Element> found = new ArrayList<>();
    collect(root, localName, found);
    return found;
  }

  private static void collect(Node node, String localName, List<Element> found) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        if (localName.equals(element.getLocalName())) {
          found.add(element);
        }
        collect(element, localName, found);
      }
    }
  }

  public static Optional<Element> firstDescendant(Node root, String localName) {
    List<Element> found = descendants(root, localName);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Direct child elements with this local name. */
  public static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && localName.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }

  public static Optional<Element> child(Element parent, String localName) {
    List<Element> found = children(parent, localName);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The trimmed text of a direct child, if there is one. */
  public static Optional<String> childText(Element parent, String localName) {
    return child(parent, localName).map(element -> element.getTextContent().strip());
  }

  /** Text escaped for element content and attribute values. */
  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&apos;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
