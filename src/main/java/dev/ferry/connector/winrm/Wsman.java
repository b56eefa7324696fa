package dev.ferry.connector.winrm;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The WS-Management messages of the Windows Remote Shell (MS-WSMV): envelopes written as text, answers read
 * with the JDK's DOM parser. Only what a remote shell needs: Create, Command, Receive, Signal, Delete.
 */
final class Wsman {

    static final String NS_SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String NS_ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String NS_WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String NS_SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String NS_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    static final String RESOURCE_CMD = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd";

    static final String ACTION_CREATE = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create";
    static final String ACTION_DELETE = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete";
    static final String ACTION_COMMAND = NS_SHELL + "/Command";
    static final String ACTION_RECEIVE = NS_SHELL + "/Receive";
    static final String ACTION_SIGNAL = NS_SHELL + "/Signal";
    static final String SIGNAL_TERMINATE = NS_SHELL + "/signal/terminate";
    static final String STATE_DONE = NS_SHELL + "/CommandState/Done";

    /** WSManFault codes (MS-WSMV 2.2.4.x; the same numbers pywinrm and WinRb/WinRM test against). */
    static final long CODE_TIMED_OUT = 2150858793L;
    /** 0x8033805B, unexpected selectors: no shell with that ShellId, or no command with that CommandId. */
    static final long CODE_UNEXPECTED_SELECTORS = 2150858843L;
    /** ERROR_ACCESS_DENIED, as the listener answers an account it authenticated but does not authorise. */
    static final long CODE_ACCESS_DENIED = 5L;
    static final long CODE_QUOTA = 2150859174L;

    private Wsman() {
    }

    static String envelope(String to, int maxEnvelopeSize, String operationTimeout, String action, String shellId,
                           List<String[]> options, String body) {
        StringBuilder out = new StringBuilder(1024 + body.length())
                .append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<s:Envelope xmlns:s=\"").append(NS_SOAP).append("\" xmlns:a=\"").append(NS_ADDRESSING)
                .append("\" xmlns:w=\"").append(NS_WSMAN).append("\" xmlns:rsp=\"").append(NS_SHELL)
                .append("\" xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd\">")
                .append("<s:Header>")
                .append("<a:To>").append(escape(to)).append("</a:To>")
                .append("<a:ReplyTo><a:Address s:mustUnderstand=\"true\">")
                .append("http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>")
                .append("<w:MaxEnvelopeSize s:mustUnderstand=\"true\">").append(maxEnvelopeSize).append("</w:MaxEnvelopeSize>")
                .append("<a:MessageID>uuid:").append(UUID.randomUUID()).append("</a:MessageID>")
                .append("<w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"false\"/>")
                .append("<p:DataLocale xml:lang=\"en-US\" s:mustUnderstand=\"false\"/>")
                .append("<w:OperationTimeout>").append(operationTimeout).append("</w:OperationTimeout>")
                .append("<w:ResourceURI s:mustUnderstand=\"true\">").append(RESOURCE_CMD).append("</w:ResourceURI>")
                .append("<a:Action s:mustUnderstand=\"true\">").append(action).append("</a:Action>");
        if (shellId != null) {
            out.append("<w:SelectorSet><w:Selector Name=\"ShellId\">").append(escape(shellId))
                    .append("</w:Selector></w:SelectorSet>");
        }
        if (!options.isEmpty()) {
            out.append("<w:OptionSet>");
            for (String[] option : options) {
                out.append("<w:Option Name=\"").append(option[0]).append("\">").append(escape(option[1]))
                        .append("</w:Option>");
            }
            out.append("</w:OptionSet>");
        }
        return out.append("</s:Header><s:Body>").append(body).append("</s:Body></s:Envelope>").toString();
    }

    static String createShellBody() {
        return "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams>"
                + "<rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>";
    }

    static String commandBody(String command, String arguments) {
        return "<rsp:CommandLine><rsp:Command>" + escape(command) + "</rsp:Command>"
                + (arguments == null ? "" : "<rsp:Arguments>" + escape(arguments) + "</rsp:Arguments>")
                + "</rsp:CommandLine>";
    }

    static String receiveBody(String commandId) {
        return "<rsp:Receive><rsp:DesiredStream CommandId=\"" + escape(commandId)
                + "\">stdout stderr</rsp:DesiredStream></rsp:Receive>";
    }

    static String signalBody(String commandId) {
        return "<rsp:Signal CommandId=\"" + escape(commandId) + "\"><rsp:Code>" + SIGNAL_TERMINATE
                + "</rsp:Code></rsp:Signal>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static String text(Document document, String namespace, String name) {
        NodeList nodes = document.getElementsByTagNameNS(namespace, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    static List<Element> elements(Document document, String namespace, String name) {
        NodeList nodes = document.getElementsByTagNameNS(namespace, name);
        List<Element> out = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** The ShellId of a CreateResponse: a Selector, or rsp:ShellId on newer Windows. */
    static String shellId(Document created) {
        for (Element selector : elements(created, NS_WSMAN, "Selector")) {
            if ("ShellId".equals(selector.getAttribute("Name"))) {
                return selector.getTextContent().trim();
            }
        }
        return text(created, NS_SHELL, "ShellId");
    }

    /** Collapses runs of whitespace (newlines, indentation) to one space and cuts at {@code limit} characters. */
    static String excerpt(String text, int limit) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() <= limit ? flat : flat.substring(0, limit - 1).stripTrailing() + "…";
    }

    /**
     * A SOAP fault as Windows sends it: code, subcode, reason, and in the detail the WSManFault's numeric code
     * and message, or a WMI error's code and message. {@code message} is the innermost text of the detail
     * (a provider's own WSManFault nests in the outer one's f:Message), whitespace collapsed and bounded.
     */
    record Fault(String code, String subcode, String reason, Long wsmanCode, String message) {

        /**
         * The longest fault text shown: Windows' own messages fit (the shell-not-found one, with its ShellId,
         * is 320 characters); whatever a provider adds beyond that is cut.
         */
        static final int TEXT_LIMIT = 400;

        static Fault of(Document document) {
            NodeList faults = document.getElementsByTagNameNS(NS_SOAP, "Fault");
            if (faults.getLength() == 0) {
                return null;
            }
            Element fault = (Element) faults.item(0);
            List<Element> values = descendants(fault, NS_SOAP, "Value");
            String code = values.isEmpty() ? null : values.get(0).getTextContent().trim();
            String subcode = values.size() < 2 ? null : values.get(1).getTextContent().trim();
            List<Element> texts = descendants(fault, NS_SOAP, "Text");
            String reason = texts.isEmpty() ? null : excerpt(texts.get(0).getTextContent(), TEXT_LIMIT);
            Long wsmanCode = null;
            List<Element> wsman = descendants(fault, NS_FAULT, "WSManFault");
            if (!wsman.isEmpty()) {
                wsmanCode = number(wsman.get(0).getAttribute("Code"));
            } else {
                for (Element e : descendants(fault, "*", "error_Code")) {
                    wsmanCode = number(e.getTextContent().trim());
                }
            }
            List<Element> details = descendants(fault, NS_SOAP, "Detail");
            String message = details.isEmpty() ? null : innermost(details.get(0));
            return new Fault(code, subcode, reason, wsmanCode, message == null ? null : excerpt(message, TEXT_LIMIT));
        }

        private static List<Element> descendants(Element root, String namespace, String name) {
            NodeList nodes = root.getElementsByTagNameNS(namespace, name);
            List<Element> out = new ArrayList<>(nodes.getLength());
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add((Element) nodes.item(i));
            }
            return out;
        }

        /**
         * The text of the deepest message-like element of the detail that has text of its own: an f:Message,
         * an f:ProviderFault, or a WMI error's error_WindowsErrorMessage (before its Message, at the same
         * depth). The text of child elements is never taken, so a WMI error's fields (codes, categories)
         * never end up in the message.
         */
        private static String innermost(Element detail) {
            List<Candidate> found = new ArrayList<>();
            collect(detail, 0, found);
            return found.stream().max(Comparator.comparingInt(Candidate::depth).thenComparingInt(Candidate::rank))
                    .map(Candidate::text).orElse(null);
        }

        private record Candidate(int depth, int rank, String text) {
        }

        private static void collect(Element element, int depth, List<Candidate> found) {
            int rank = rank(element);
            String own = rank == 0 ? "" : ownText(element);
            if (!own.isBlank()) {
                found.add(new Candidate(depth, rank, own));
            }
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element e) {
                    collect(e, depth + 1, found);
                }
            }
        }

        private static int rank(Element element) {
            String name = element.getLocalName();
            if ("error_WindowsErrorMessage".equals(name)) {
                return 3;
            }
            if ("Message".equals(name)) {
                return 2;
            }
            return "ProviderFault".equals(name) && NS_FAULT.equals(element.getNamespaceURI()) ? 1 : 0;
        }

        private static String ownText(Element element) {
            StringBuilder out = new StringBuilder();
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                    out.append(child.getNodeValue()).append(' ');
                }
            }
            return out.toString();
        }

        private static Long number(String text) {
            try {
                return text == null || text.isEmpty() ? null : Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** The text that says what happened: the detail's innermost message, else the reason. */
        String text() {
            return message != null && !message.isBlank() ? message : reason;
        }

        boolean isTimedOut() {
            return (wsmanCode != null && wsmanCode == CODE_TIMED_OUT) || (subcode != null && subcode.endsWith(":TimedOut"));
        }

        /**
         * The shell itself no longer exists (the WinRM service restarted, or the shell passed its idle
         * timeout). Windows answers 2150858843 (unexpected selectors) both for an unknown ShellId and for an
         * unknown CommandId in a live shell; only the message tells them apart.
         */
        boolean isShellGone() {
            if (!isUnexpectedSelectors() || isCommandNotFound()) {
                return false;
            }
            String text = lowerText();
            return text.contains("shellid") || text.contains("shell was not found") || text.contains("shell no longer exists");
        }

        /** The shell is there, but it knows no command with the id given: it ended or was never started. */
        boolean isCommandNotFound() {
            if (!isUnexpectedSelectors()) {
                return false;
            }
            String text = lowerText();
            return text.contains("command identifier") || text.contains("commandid") || text.contains("command id");
        }

        private boolean isUnexpectedSelectors() {
            return wsmanCode != null && wsmanCode == CODE_UNEXPECTED_SELECTORS;
        }

        private String lowerText() {
            return ((message == null ? "" : message) + " " + (reason == null ? "" : reason)).toLowerCase(Locale.ROOT);
        }

        /** The listener authenticated the account but will not let it use WinRM (ERROR_ACCESS_DENIED). */
        boolean isAccessDenied() {
            return (wsmanCode != null && wsmanCode == CODE_ACCESS_DENIED) || (subcode != null && subcode.endsWith(":AccessDenied"));
        }

        boolean isQuota() {
            return (wsmanCode != null && wsmanCode == CODE_QUOTA) || (subcode != null && subcode.endsWith(":QuotaLimit"));
        }

        /** e.g. "w:SchemaValidationError (WS-Man code 2150858817): Detail message." */
        String describe() {
            String text = text();
            return (subcode != null ? subcode : code != null ? code : "fault")
                    + (wsmanCode != null ? " (WS-Man code " + wsmanCode + ")" : "")
                    + ": " + (text == null || text.isBlank() ? "no message in the fault" : text);
        }
    }
}
