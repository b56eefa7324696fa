package dev.ferry.access;

/**
 * A chat identity: who typed a command or pressed a button.
 *
 * @param platform    console, slack or discord
 * @param userId      the platform's stable id for the person
 * @param displayName what people see, for messages and the audit trail
 */
public record Actor(String platform, String userId, String displayName) {

    @Override
    public String toString() {
        return displayName;
    }
}
