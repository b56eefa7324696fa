package dev.ferry.connector.winrm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param operationTimeout how long one Receive may wait on the host for output before the host answers
 *                         w:TimedOut and Ferry asks again; the step's own timeout is what ends a script
 * @param connectTimeout   how long a TCP connection to a listener may take
 * @param maxEnvelopeSize  the largest answer Ferry accepts, in bytes (Windows' default is 153600; 500 KB max)
 */
@Validated
@ConfigurationProperties("ferry.winrm")
public record WinRmSettings(
        @DefaultValue("20s") Duration operationTimeout,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("153600") @Min(8192) @Max(524288) int maxEnvelopeSize) {

    public static WinRmSettings defaults() {
        return new WinRmSettings(Duration.ofSeconds(20), Duration.ofSeconds(10), 153600);
    }
}
