package dev.ferry.connector;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad inventory into a start-up message that names the file and the field. */
class HostInventoryFailureAnalyzer extends AbstractFailureAnalyzer<HostInventoryException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HostInventoryException cause) {
        return new FailureAnalysis("Ferry cannot load its host inventory:\n" + cause.getMessage(),
                "Correct the inventory as the message says, then start Ferry again. docs/hosts-and-connectors.md"
                        + " describes every key.", cause);
    }
}
