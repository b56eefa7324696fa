package dev.ferry.chat.discord;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application as in {@code FerryTest}, but with roles granted by Discord role id alone, so each person's
 * roles come from the role ids their member carries in the interaction. Test classes with this annotation share one
 * context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "ferry.console.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:ferry-discord-roles;DB_CLOSE_DELAY=-1",
        "ferry.procedures.directory=src/test/resources/procedures",
        "logging.file.name=",
        "logging.threshold.console=warn",
        "ferry.access.roles.operator.discord-roles=" + DiscordRolesTest.OPERATORS,
        "ferry.access.roles.approver.discord-roles=" + DiscordRolesTest.ON_CALL,
        "ferry.access.roles.admin.discord-roles=" + DiscordRolesTest.ADMINS})
@interface DiscordRolesTest {

    String OPERATORS = "310000000000000001";
    String ON_CALL = "310000000000000002";
    String ADMINS = "310000000000000003";
}
