package dev.ferry.chat;

import dev.ferry.connector.HostInventory;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.run.RunEngine;
import dev.ferry.run.ScriptRenderer;
import dev.ferry.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

    @Bean
    CommandDispatcher commandDispatcher(ProcedureCatalog catalog, HostInventory inventory, RunEngine engine,
                                        ScriptRenderer renderer, Schedules schedules) {
        return new CommandDispatcher(catalog, inventory, engine, renderer, schedules);
    }

    @Bean
    MessageRefs messageRefs(JdbcClient jdbc) {
        return new MessageRefs(jdbc);
    }
}
