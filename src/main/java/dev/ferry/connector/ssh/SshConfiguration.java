package dev.ferry.connector.ssh;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SshConfiguration {

    @Bean(destroyMethod = "close")
    SshConnector sshConnector(SshSettings settings) {
        return new SshConnector(settings);
    }
}
