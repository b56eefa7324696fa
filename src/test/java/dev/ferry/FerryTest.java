package dev.ferry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on an in-memory H2, the test procedures and the simulated hosts of
 * config/hosts.yml, with the console switched off. Everyone on every platform holds every role here (as on
 * the console by default), so adapter tests exercise the adapters; AccessRefusalTest covers refusals.
 * Test classes with this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "ferry.console.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:ferry-test;DB_CLOSE_DELAY=-1",
        "ferry.procedures.directory=src/test/resources/procedures",
        "logging.file.name=",
        "logging.threshold.console=warn",
        "ferry.access.roles.operator.slack-users=*", "ferry.access.roles.operator.discord-users=*",
        "ferry.access.roles.approver.slack-users=*", "ferry.access.roles.approver.discord-users=*",
        "ferry.access.roles.admin.slack-users=*", "ferry.access.roles.admin.discord-users=*"})
public @interface FerryTest {
}
