package dev.ferry.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A data directory that is a file or cannot be written: the directory, the keys that put data there, what to do. */
final class DataDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
