package dev.ferry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    /** The presenter serves every platform through its port and knows none of them. */
    @ArchTest
    static final ArchRule thePresenterKnowsNoPlatform = noClasses()
            .that().resideInAPackage("dev.ferry.chat.thread..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ferry.chat.console..", "dev.ferry.chat.slack..",
                    "dev.ferry.chat.discord..")
            .orShould().dependOnClassesThat().resideInAnyPackage(CHAT_LIBRARIES);

    @ArchTest
    static final ArchRule slackAndDiscordStayApart = noClasses()
            .that().resideInAPackage("dev.ferry.chat.slack..")
            .should().dependOnClassesThat().resideInAPackage("dev.ferry.chat.discord..");

    @ArchTest
    static final ArchRule discordAndSlackStayApart = noClasses()
            .that().resideInAPackage("dev.ferry.chat.discord..")
            .should().dependOnClassesThat().resideInAPackage("dev.ferry.chat.slack..");

    @ArchTest
    static final ArchRule slackLibraryStaysInTheSlackAdapter = noClasses()
            .that().resideOutsideOfPackage("dev.ferry.chat.slack..")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..");

    @ArchTest
    static final ArchRule jdaStaysInTheDiscordAdapter = noClasses()
            .that().resideOutsideOfPackage("dev.ferry.chat.discord..")
            .should().dependOnClassesThat().resideInAnyPackage("net.dv8tion..");

    @ArchTest
    static final ArchRule quartzStaysInSchedules = noClasses()
            .that().resideOutsideOfPackage("dev.ferry.schedule..")
            .should().dependOnClassesThat().resideInAnyPackage("org.quartz..", "org.springframework.scheduling.quartz..");

    /** Only Slack's HTTP mode opens a port: the servlet container is its business alone. */
    @ArchTest
    static final ArchRule servletsStayInSlacksHttpMode = noClasses()
            .that().resideOutsideOfPackage("dev.ferry.chat.slack..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.apache.catalina..",
                    "org.apache.tomcat..");

    @ArchTest
    static final ArchRule kerberosStaysInTheWinRmConnector = noClasses()
            .that().resideOutsideOfPackage("dev.ferry.connector.winrm..")
            .should().dependOnClassesThat().resideInAnyPackage("org.ietf.jgss..", "com.sun.security.jgss..");

    /** No two of Ferry's packages need each other, at any depth. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.ferry.(**)").should().beFreeOfCycles();

    /**
     * The picture of docs/architecture.md: chat adapters on top, then schedules, then runs, then what runs build
     * on. start-up only explains failures, so it may look at everything and nothing looks at it.
     */
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("start-up").definedBy("dev.ferry.startup..")
            .layer("chat").definedBy("dev.ferry.chat..")
            .layer("schedules").definedBy("dev.ferry.schedule..")
            .layer("runs").definedBy("dev.ferry.run..")
            .layer("access").definedBy("dev.ferry.access..")
            .layer("connectors").definedBy("dev.ferry.connector..")
            .layer("procedures").definedBy("dev.ferry.procedure..")
            .layer("yaml").definedBy("dev.ferry.yaml..")
            .whereLayer("start-up").mayNotBeAccessedByAnyLayer()
            .whereLayer("chat").mayOnlyBeAccessedByLayers("start-up")
            .whereLayer("schedules").mayOnlyBeAccessedByLayers("chat", "start-up")
            .whereLayer("runs").mayOnlyBeAccessedByLayers("schedules", "chat", "start-up")
            .whereLayer("access").mayOnlyBeAccessedByLayers("runs", "schedules", "chat", "start-up")
            .whereLayer("connectors").mayOnlyBeAccessedByLayers("runs", "schedules", "chat", "start-up")
            .whereLayer("procedures").mayOnlyBeAccessedByLayers("runs", "schedules", "chat", "start-up")
            .whereLayer("yaml").mayOnlyBeAccessedByLayers("procedures", "connectors", "start-up");

    @ArchTest
    static final ArchRule noGrabBagPackages = noClasses()
            .should().resideInAnyPackage("..util..", "..utils..", "..common..", "..helper..", "..helpers..");

    @ArchTest
    static final ArchRule noFieldInjection = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired");
}
