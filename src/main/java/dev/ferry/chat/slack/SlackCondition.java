package dev.ferry.chat.slack;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Slack runs exactly when it has a bot token (FERRY_SLACK_BOT_TOKEN); the console steps aside then. */
class SlackCondition extends SpringBootCondition {

    static final String BOT_TOKEN = "ferry.slack.bot-token";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty(BOT_TOKEN))
                ? ConditionOutcome.match(BOT_TOKEN + " is set")
                : ConditionOutcome.noMatch(BOT_TOKEN + " is not set");
    }
}
