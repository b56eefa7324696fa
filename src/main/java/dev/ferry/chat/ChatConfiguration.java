package dev.ferry.chat;

import dev.ferry.access.AccessPolicy;
import dev.ferry.access.AuditTrail;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.HostPreflight;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.run.RunEngine;
import dev.ferry.run.ScriptRenderer;
import java.time.Clock;
import dev.ferry.schedule.Schedules;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

    @Bean
    CommandDispatcher commandDispatcher(ProcedureCatalog catalog, HostInventory inventory, RunEngine engine,
                                        ScriptRenderer renderer, AccessPolicy access, AuditTrail audit, Clock clock,
                                        HostPreflight preflight, Schedules schedules) {
        return new CommandDispatcher(catalog, inventory, engine, renderer, access, audit, clock, preflight, schedules);
    }

    @Bean
    MessageRefs messageRefs(JdbcClient jdbc) {
        return new MessageRefs(jdbc);
    }

    /** Shared by Slack and Discord; a claim waits at most a second for the database, inside the acknowledgement. */
    @Bean
    Deliveries deliveries(DataSource dataSource, Clock clock) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setQueryTimeout(1);
        return new Deliveries(JdbcClient.create(template), clock);
    }
}
