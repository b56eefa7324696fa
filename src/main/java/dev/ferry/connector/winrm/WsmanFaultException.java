package dev.ferry.connector.winrm;

/** The listener answered a request with a SOAP fault. */
final class WsmanFaultException extends Exception {

    private final Wsman.Fault fault;

    WsmanFaultException(Wsman.Fault fault) {
        super(fault.describe(), null, false, false);
        this.fault = fault;
    }

    Wsman.Fault fault() {
        return fault;
    }
}
