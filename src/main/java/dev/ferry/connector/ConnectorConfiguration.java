package dev.ferry.connector;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

    @Bean
    HostInventory hostInventory(HostSettings settings) {
        return HostInventory.load(settings.file());
    }

    @Bean
    Connectors connectors(List<Connector> connectors) {
        return new Connectors(connectors);
    }

    @Bean
    HostPreflight hostPreflight(HostInventory inventory, Connectors connectors, PreflightSettings settings) {
        return new HostPreflight(inventory, connectors, settings.timeout());
    }

    @Bean
    SecondHopCheck secondHopCheck(Connectors connectors, PreflightSettings settings) {
        return new SecondHopCheck(connectors, settings.timeout());
    }

    /** @param timeout how long {@code /migrate check <host>} waits for a host's answer */
    @Validated
    @ConfigurationProperties("ferry.preflight")
    record PreflightSettings(@DefaultValue("60s") java.time.Duration timeout) {
    }

    /** @param file the inventory; relative paths start at the working directory */
    @Validated
    @ConfigurationProperties("ferry.hosts")
    record HostSettings(@DefaultValue("config/hosts.yml") Path file) {
    }
}
