package dev.ferry.chat.console;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The console chat runs when {@code ferry.console.enabled} says so, and otherwise exactly when no chat
 * platform has a token: a fresh checkout talks on the terminal, a configured Ferry does not.
 */
class ConsoleCondition extends SpringBootCondition {

    static final String[] PLATFORM_TOKENS = {"ferry.slack.bot-token", "ferry.discord.token"};

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return outcome(context.getEnvironment());
    }

    /** Whether the console runs with this configuration, and why. */
    static ConditionOutcome outcome(PropertyResolver environment) {
        String explicit = environment.getProperty("ferry.console.enabled");
        if (StringUtils.hasText(explicit)) {
            return Boolean.parseBoolean(explicit.strip())
                    ? ConditionOutcome.match("ferry.console.enabled=true")
                    : ConditionOutcome.noMatch("ferry.console.enabled=false");
        }
        for (String token : PLATFORM_TOKENS) {
            if (StringUtils.hasText(environment.getProperty(token))) {
                return ConditionOutcome.noMatch(token + " is set: a chat platform is configured");
            }
        }
        return ConditionOutcome.match("no chat platform token is set");
    }
}
