package dev.ferry.connector.winrm;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WinRmConfiguration {

    @Bean
    WinRmConnector winRmConnector(WinRmSettings settings) {
        return new WinRmConnector(settings);
    }
}
