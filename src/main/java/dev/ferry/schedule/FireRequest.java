package dev.ferry.schedule;

import java.time.Instant;

/**
 * What Quartz says about one fire, as the job hands it on.
 *
 * @param scheduled   the time the trigger was due (for a misfire: when Quartz decided to fire it late)
 * @param requestedBy who asked for a run-now, or null
 * @param instance    the Quartz instance id of this Ferry
 */
record FireRequest(String scheduleId, Fire.Kind kind, Instant scheduled, Instant firedAt, String requestedBy,
                   String instance) {
}
