package dev.ferry.connector.simulated;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SimulatedConfiguration {

    @Bean
    SimulatedConnector simulatedConnector() {
        return new SimulatedConnector();
    }
}
