package dev.ferry.connector;

import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.XMLConstants;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * PowerShell's serialized error stream: when its output is redirected, powershell.exe writes stderr as
 * {@code #< CLIXML} followed by an {@code <Objs>} document. The error, warning, verbose and debug strings
 * ({@code <S S="Error">}) are the readable part; progress records are dropped.
 */
public final class Clixml {

    public static final String MARKER = "#< CLIXML";

    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private Clixml() {
    }

    private static boolean isClixml(String text) {
        return text.stripLeading().startsWith(MARKER);
    }

    /** Readable text of a CLIXML stream; text that is not CLIXML, or cannot be read as such, comes back unchanged. */
    public static String decode(String text) {
        if (!isClixml(text)) {
            return text;
        }
        StringBuilder readable = new StringBuilder();
        String rest = text.stripLeading().substring(MARKER.length());
        // A stream may hold several documents, one after another.
        for (String document : rest.split("(?=<Objs )")) {
            if (document.isBlank()) {
                continue;
            }
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(false);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                NodeList strings = factory.newDocumentBuilder()
                        .parse(new InputSource(new StringReader(document.strip()))).getElementsByTagName("S");
                for (int i = 0; i < strings.getLength(); i++) {
                    Element s = (Element) strings.item(i);
                    String stream = s.getAttribute("S");
                    if (stream.isEmpty()) {
                        continue;
                    }
                    String value = unescape(s.getTextContent());
                    readable.append("Error".equals(stream) ? "" : stream.toUpperCase(java.util.Locale.ROOT) + ": ")
                            .append(value);
                }
            } catch (Exception e) {
                return text;
            }
        }
        return readable.toString().replace("\r\n", "\n");
    }

    /** PowerShell writes characters XML cannot carry, and line breaks, as {@code _xHHHH_}. */
    static String unescape(String value) {
        Matcher m = ESCAPE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
