package dev.ferry.procedure;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

@Configuration(proxyBeanMethods = false)
class ProcedureConfiguration {

    @Bean
    ProcedureCatalog procedureCatalog(ProcedureSettings settings) {
        return ProcedureCatalog.load(settings.directory());
    }

    /** @param directory where the procedure files are; relative paths start at the working directory */
    @Validated
    @ConfigurationProperties("ferry.procedures")
    record ProcedureSettings(@DefaultValue("config/procedures") Path directory) {
    }
}
