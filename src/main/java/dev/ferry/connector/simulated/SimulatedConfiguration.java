package dev.ferry.connector.simulated;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SimulatedConfiguration {

    @Bean
    SimulatedConnector simulatedConnector(SimulatedSettings settings) {
        return new SimulatedConnector(settings.journal());
    }

    /**
     * @param journal a file where simulated hosts append each script they receive, before they "run" it, as a
     *                real host's event log would keep it; unset: none. It outlives Ferry, so a demo or a crash
     *                test can see what ran even when Ferry's own database could not say.
     */
    @ConfigurationProperties("ferry.simulated")
    record SimulatedSettings(Path journal) {
    }
}
