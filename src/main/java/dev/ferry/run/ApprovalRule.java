package dev.ferry.run;

import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.Step;
import java.time.Duration;

/** Which steps wait for an on-call approval before they start, and how long a request stays open. */
public interface ApprovalRule {

    boolean required(Procedure procedure, Step step);

    Duration expiry();
}
