package dev.ferry.chat.slack;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Ferry opens an HTTP port only when Slack calls it: in Slack's HTTP mode. The console and Socket Mode need
 * no listening socket, so there the application is not a web application, although Tomcat is on the class
 * path. An explicit {@code spring.main.web-application-type} wins.
 */
class SlackWebApplicationType implements EnvironmentPostProcessor {

    static final String PROPERTY = "spring.main.web-application-type";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty(PROPERTY))) {
            return;
        }
        boolean http = StringUtils.hasText(environment.getProperty(SlackCondition.BOT_TOKEN))
                && "http".equals(environment.getProperty("ferry.slack.mode", "socket").strip().toLowerCase(Locale.ROOT));
        environment.getPropertySources().addLast(new MapPropertySource("ferry-web-application-type",
                Map.of(PROPERTY, http ? "servlet" : "none")));
    }
}
