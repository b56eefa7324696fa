package dev.ferry.run;

import dev.ferry.access.Actor;
import java.time.Instant;
import java.util.Map;

/**
 * One execution of a procedure with bound parameters, in one chat place.
 *
 * @param parameters   the public values: secrets appear only as a mask
 * @param currentIndex index of the step the run waits on; equals the step count once it has ended
 * @param channel      the chat channel the run was started in
 */
public record Run(
        String id,
        String procedureId,
        int procedureVersion,
        Map<String, String> parameters,
        RunStatus status,
        int currentIndex,
        Actor requester,
        String channel,
        Instant createdAt,
        Instant updatedAt) {

    public String platform() {
        return requester.platform();
    }
}
