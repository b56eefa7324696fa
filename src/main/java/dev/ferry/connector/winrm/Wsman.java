package dev.ferry.connector.winrm;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
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
    static final long CODE_SHELL_NOT_FOUND = 2150858843L;
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

    /**
     * A SOAP fault as Windows sends it: code, subcode, reason, and in the detail the WSManFault's numeric code
     * and message, or a WMI error's code and message.
     */
    record Fault(String code, String subcode, String reason, Long wsmanCode, String message) {

        static Fault of(Document document) {
            if (document.getElementsByTagNameNS(NS_SOAP, "Fault").getLength() == 0) {
                return null;
            }
            List<Element> values = elements(document, NS_SOAP, "Value");
            String code = values.isEmpty() ? null : values.get(0).getTextContent().trim();
            String subcode = values.size() < 2 ? null : values.get(1).getTextContent().trim();
            String reason = text(document, NS_SOAP, "Text");
            Long wsmanCode = null;
            String message = null;
            List<Element> wsman = elements(document, NS_FAULT, "WSManFault");
            if (!wsman.isEmpty()) {
                wsmanCode = number(wsman.get(0).getAttribute("Code"));
                message = text(document, NS_FAULT, "Message");
            } else {
                for (Element e : elements(document, "*", "error_Code")) {
                    wsmanCode = number(e.getTextContent().trim());
                }
                NodeList wmi = document.getElementsByTagNameNS("*", "error_WindowsErrorMessage");
                if (wmi.getLength() > 0) {
                    message = wmi.item(0).getTextContent().trim();
                }
            }
            return new Fault(code, subcode, reason, wsmanCode, message);
        }

        private static Long number(String text) {
            try {
                return text == null || text.isEmpty() ? null : Long.parseLong(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        boolean isTimedOut() {
            return (wsmanCode != null && wsmanCode == CODE_TIMED_OUT) || (subcode != null && subcode.endsWith(":TimedOut"));
        }

        boolean isShellNotFound() {
            return wsmanCode != null && wsmanCode == CODE_SHELL_NOT_FOUND;
        }

        boolean isQuota() {
            return (wsmanCode != null && wsmanCode == CODE_QUOTA) || (subcode != null && subcode.endsWith(":QuotaLimit"));
        }

        /** e.g. "w:SchemaValidationError (WS-Man code 2150858817): Detail message." */
        String describe() {
            String text = message != null && !message.isBlank() ? message : reason;
            return (subcode != null ? subcode : code != null ? code : "fault")
                    + (wsmanCode != null ? " (WS-Man code " + wsmanCode + ")" : "")
                    + ": " + (text == null || text.isBlank() ? "no message in the fault" : text.strip());
        }
    }
}
