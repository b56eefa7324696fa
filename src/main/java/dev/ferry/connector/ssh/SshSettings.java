package dev.ferry.connector.ssh;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param connectTimeout how long the connection, the key exchange and the login may each take */
@Validated
@ConfigurationProperties("ferry.ssh")
public record SshSettings(@DefaultValue("10s") Duration connectTimeout) {
}
