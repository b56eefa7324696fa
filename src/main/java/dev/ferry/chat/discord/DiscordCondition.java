package dev.ferry.chat.discord;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Discord runs exactly when {@code ferry.discord.token} has text; an empty variable counts as unset. */
class DiscordCondition extends SpringBootCondition {

    static final String TOKEN = "ferry.discord.token";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty(TOKEN))
                ? ConditionOutcome.match(TOKEN + " is set")
                : ConditionOutcome.noMatch(TOKEN + " is not set");
    }
}
