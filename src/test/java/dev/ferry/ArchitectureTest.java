package dev.ferry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The boundaries of DESIGN.md ("Rules that keep this picture true"), checked on the compiled classes. */
@AnalyzeClasses(packages = "dev.ferry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CHAT_LIBRARIES = {"com.slack..", "net.dv8tion.."};
    private static final String[] CONNECTOR_LIBRARIES = {"org.apache.sshd..", "org.apache.cxf..", "io.cloudsoft.winrm4j..",
            "org.metricshub.."};

    @ArchTest
    static final ArchRule coreImportsNoChatLibrary = noClasses()
            .that().resideInAnyPackage("dev.ferry.procedure..", "dev.ferry.run..")
            .should().dependOnClassesThat().resideInAnyPackage(CHAT_LIBRARIES);

    @ArchTest
    static final ArchRule coreImportsNoConnectorLibrary = noClasses()
            .that().resideInAnyPackage("dev.ferry.procedure..", "dev.ferry.run..")
            .should().dependOnClassesThat().resideInAnyPackage(CONNECTOR_LIBRARIES);

    @ArchTest
    static final ArchRule coreImportsNoWebTypes = noClasses()
            .that().resideInAnyPackage("dev.ferry.procedure..", "dev.ferry.run..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule coreKnowsNoChat = noClasses()
            .that().resideInAnyPackage("dev.ferry.procedure..", "dev.ferry.run..", "dev.ferry.connector..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ferry.chat..");

    @ArchTest
    static final ArchRule schedulesKnowNoChat = noClasses()
            .that().resideInAPackage("dev.ferry.schedule..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ferry.chat..")
            .orShould().dependOnClassesThat().resideInAnyPackage(CHAT_LIBRARIES);

    /** DESIGN.md: "A Quartz job only delegates to the run engine or a connector" (here: through a plain class). */
    @ArchTest
    static final ArchRule quartzJobsOnlyDelegate = noClasses()
            .that().implement("org.quartz.Job")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ferry.chat..", "dev.ferry.connector..",
                    "org.springframework.jdbc..", "java.sql..")
            .orShould().dependOnClassesThat().resideInAnyPackage(CHAT_LIBRARIES);

    @ArchTest
    static final ArchRule proceduresKnowNoRuns = noClasses()
            .that().resideInAPackage("dev.ferry.procedure..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ferry.run..", "dev.ferry.connector..");

    @ArchTest
    static final ArchRule chatNeverCallsAConnector = noClasses()
            .that().resideInAPackage("dev.ferry.chat..")
            .should().dependOnClassesThat().areAssignableTo("dev.ferry.connector.Connector")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.ferry.connector.Connectors")
            .orShould().dependOnClassesThat().resideInAPackage("dev.ferry.connector.simulated..");

    @ArchTest
    static final ArchRule winrmLibrariesStayInTheWinRmConnector = noClasses()
            .that().resideOutsideOfPackage("dev.ferry.connector.winrm..")
            .should().dependOnClassesThat().resideInAnyPackage("org.metricshub..", "org.apache.http..");

    @ArchTest
    static final ArchRule sshLibrariesStayInTheSshConnector = noClasses()
            .that().resideOutsideOfPackage("dev.ferry.connector.ssh..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.sshd..");

    @ArchTest
    static final ArchRule slackAndDiscordStayApart = noClasses()
            .that().resideInAPackage("dev.ferry.chat.slack..")
            .should().dependOnClassesThat().resideInAPackage("dev.ferry.chat.discord..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule discordAndSlackStayApart = noClasses()
            .that().resideInAPackage("dev.ferry.chat.discord..")
            .should().dependOnClassesThat().resideInAPackage("dev.ferry.chat.slack..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule slackLibraryStaysInTheSlackAdapter = noClasses()
            .that().resideOutsideOfPackage("dev.ferry.chat.slack..")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..");

    @ArchTest
    static final ArchRule noGrabBagPackages = noClasses()
            .should().resideInAnyPackage("..util..", "..utils..", "..common..", "..helper..", "..helpers..");

    @ArchTest
    static final ArchRule noFieldInjection = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired");
}
