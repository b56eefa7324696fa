package dev.ferry.procedure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad procedures directory into a start-up message that names every file, line and field. */
class ProcedureFailureAnalyzer extends AbstractFailureAnalyzer<ProcedureCatalogException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProcedureCatalogException cause) {
        return new FailureAnalysis("Ferry cannot load its procedures:\n" + cause.getMessage(),
                "Correct the files named above (each problem gives file:line: field: what is wrong),"
                        + " then start Ferry again. docs/procedures.md, 'Writing a procedure', describes every key.",
                cause);
    }
}
