package dev.ferry.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    AccessPolicy accessPolicy(AccessSettings settings) {
        return new AccessPolicy(settings);
    }

    @Bean
    AuditTrail auditTrail(JdbcClient jdbc) {
        return new AuditTrail(jdbc);
    }
}
