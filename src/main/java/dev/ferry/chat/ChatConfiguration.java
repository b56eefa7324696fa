package dev.ferry.chat;

import dev.ferry.access.AccessPolicy;
import dev.ferry.access.AuditTrail;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.HostPreflight;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.run.RunEngine;
import dev.ferry.run.ScriptRenderer;
import java.time.Clock;
import dev.ferry.schedule.ScheduleCommands;
import dev.ferry.schedule.ScheduleReadModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

    @Bean
    CommandDispatcher commandDispatcher(ProcedureCatalog catalog, HostInventory inventory, RunEngine engine,
                                        ScriptRenderer renderer, AccessPolicy access, AuditTrail audit, Clock clock,
                                        HostPreflight preflight, ScheduleCommands schedules,
                                        ScheduleReadModel scheduleReadModel) {
        return new CommandDispatcher(catalog, inventory, engine, renderer, access, audit, clock, preflight, schedules,
                scheduleReadModel);
    }

    @Bean
    MessageRefs messageRefs(JdbcClient jdbc) {
        return new MessageRefs(jdbc);
    }

    /** Shared by Slack and Discord; each platform's configuration schedules its purge. */
    @Bean
    Deliveries deliveries(JdbcClient jdbc, Clock clock) {
        return new Deliveries(jdbc, clock);
    }
}
