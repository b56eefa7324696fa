package dev.ferry.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in procedures under config/procedures: that they load, that every step of the source guides
 * is there in the guide's order, that the guides' conditions and warnings sit on the right steps, and
 * that the scripts only reach parameters as bound PowerShell variables.
 */
class ProcedureFilesTest {

    private static final Path DIRECTORY = Path.of("config/procedures");

    private static final String SINGLE = "mailstore-spe-move-single-server";
    private static final String MANAGEMENT = "mailstore-spe-move-management-server";
    private static final String INSTANCE_HOST = "mailstore-spe-move-instance-host";
    private static final String CLIENT_ACCESS = "mailstore-spe-move-client-access-server";
    private static final String EXCHANGE = "exchange-2007-cross-forest";
    private static final String GALSYNC = "galsync-update";

    /** Golden step lists: a dropped, added or reordered step must fail here. */
    private static final Map<String, List<String>> GOLDEN = new LinkedHashMap<>();

    static {
        GOLDEN.put(SINGLE, List.of(
                "preflight-old-server",              // Ferry extra: read-only check before anything changes
                "disable-mfa",                       // "only applies if MFA has been enabled" + "disable MFA" (DPAPI note)
                "open-configuration-tool",           // "Start the ... Configuration tool on the server that has the Management Server role"
                "stop-services-old-server",          // "Stop the Client Access Server, Instance Host, and Management Server services"
                "transfer-license",                  // "Transfer your MailStore SPE license ... license portal"
                "install-new-server",                // "Install ... on the new server and set it up Single Server Mode"
                "stop-services-new-server",          // "Stop the ... services on the new server"
                "remove-certificates-new-server",    // "Remove all MailStore SPE related certificates from ... (MY) store of the new server"
                "export-certificates-old-server",    // "Export the SSL certificates and private keys" (Export-PfxCertificate)
                "copy-certificates-to-new-server",   // (same bullet: carry the PFX files to the new server)
                "import-certificates-new-server",    // "... and import them into the same location" (Import-PfxCertificate)
                "delete-exported-pfx-files",         // Ferry extra: PFX files hold private keys
                "replace-config-directory",          // "Remove the ...\\MailStore Infrastructure\\config directory ... replace it"
                "transfer-instance-data",            // "Transfer your instance data directories to the new server"
                "follow-renaming-the-server",        // "When the host name of the server has changed ... Renaming the Server"
                "start-services-new-server",         // "Start the Management Server service followed by the Instance Host and Client Access Server"
                "adjust-instance-base-directories",  // (transfer bullet) "the Base Directory of the instances must be adjusted"
                "check-dashboard",                   // "Log on to the Management Console and check the dashboard"
                "reenable-mfa",                      // "Re-enable Multi-Factor Authentication"
                "reenter-smtp-password"));           // "Re-enter the SMTP password if it had been set"
        GOLDEN.put(MANAGEMENT, List.of(
                "preflight-old-server",                              // Ferry extra: read-only check before anything changes
                "disable-mfa",                                       // "only applies if MFA has been enabled" + "disable MFA" (DPAPI note)
                "open-configuration-tool",                           // "Start the ... Configuration tool on the server that has the Management Server role"
                "stop-management-server-old-server",                 // "Stop the Management Server service"
                "transfer-license",                                  // "Transfer your MailStore SPE license through our license portal"
                "install-new-server",                                // "Install ... on the new server and set it up in Multi Server Mode"
                "add-management-server-role",                        // "Add the Management Server role on the new server, but do not start it yet"
                "transfer-management-database",                      // "Transfer the file MailStoreManagementDatabase.json ..."
                "start-management-server-new-server",                // "Start the Management Server service on the new server"
                "repoint-instance-hosts-and-client-access-servers",  // "Adjust the Management Server setting ... Configure... button"
                "check-dashboard",                                   // "Log on to the Management Console and check the dashboard"
                "reenable-mfa",                                      // "Re-enable Multi-Factor Authentication"
                "reenter-smtp-password"));                           // "Re-enter the SMTP password if it had been set"
        GOLDEN.put(INSTANCE_HOST, List.of(
                "open-configuration-tool",               // "Start the ... Configuration tool on a server that is a Instance Host"
                "stop-instance-host-old-server",         // "Stop the Instance Host service"
                "install-new-server",                    // "Install ... on the new server and set it up in Multi Server Mode"
                "add-instance-host-role",                // "Add the Instance Host role"
                "pair-with-management-server",           // "Pair with the Management Server"
                "start-instance-host-new-server",        // "Start the Instance Host service"
                "check-dashboard",                       // "Log on to the Management Console and check the dashboard"
                "move-instances",                        // "Follow the Moving Instances guide"
                "remove-instance-host-role-old-server",  // "Remove the Instance Host role from the old server"
                "remove-old-instance-host-entry"));      // "Finally remove the instance host that still exist with the old host name"
        GOLDEN.put(CLIENT_ACCESS, List.of(
                "export-certificates-old-server",               // "Export the certificates, including their private keys ... (Http, Imap, not Tcp)"
                "copy-certificates-to-new-server",              // (carry the PFX files to the new server)
                "import-certificates-new-server",               // "Import these certificates into the new server's personal (MY) certificate store"
                "delete-exported-pfx-files",                    // Ferry extra: PFX files hold private keys
                "open-configuration-tool",                      // "Start the ... Configuration tool on a server that is a Client Access Server"
                "stop-client-access-server-old-server",         // "Stop the Client Access Server service"
                "install-new-server",                           // "Install ... on the new server and set it up in Multi Server Mode"
                "add-client-access-server-role",                // "Add the Client Access Server role"
                "pair-with-management-server",                  // "Pair with the Management Server"
                "select-imported-certificates",                 // "Adjust the certificate settings in the Configure Client Access Server Role dialog"
                "start-client-access-server-new-server",        // "Start the Client Access Server service"
                "check-dashboard",                              // "Log on to the Management Console and check the dashboard"
                "remove-client-access-server-role-old-server",  // "Remove the Client Access Server role from the old server"
                "remove-old-client-access-server-entry"));      // "Finally remove the client access server that still exist with the old host name"
        GOLDEN.put(EXCHANGE, List.of(
                "install-exchange-2007",                   // Step 1: install Exchange 2007 (CAS, Hub Transport, Mailbox, UM order; Edge note)
                "install-inter-organization-replication",  // Step 2: (optional) Inter-Organization Replication tool for free/busy
                "create-frommiis-ou",                      // Step 3: FromMIIS OU in Active Directory Users and Computers
                "create-galsync-management-agent",         // Step 4: (optional) GAL synchronization management agent
                "enable-provisioning-rules-extension",     // Step 5: (optional) enable GALSync (Enable Provisioning Rules Extension)
                "confirm-staged-mailbox-move",             // Step 6: not moving all mailboxes now -> Steps 7 and 8
                "confirm-immediate-mailbox-move",          // Step 6: moving all mailboxes now -> go to Step 9
                "create-cross-forest-send-connector",      // Step 7: cross-forest connectors, Exchange 2007 side (TLS note)
                "configure-legacy-forest-connector",       // Step 7: cross-forest connectors, Exchange 2003/2000 side (TLS note)
                "configure-authoritative-domain",          // Step 8: authoritative domain if relaying through any forest
                "list-email-address-policies",             // Ferry extra: read-only list of the policies Step 9 will apply
                "move-mailboxes",                          // Step 9: move mailboxes (recipient policy and contacts/groups notes)
                "remove-legacy-servers",                   // Step 10: (optional) remove legacy servers (last-server note)
                "galsync-update-all",                      // Step 11: script variant 1, all policies and lists
                "galsync-update-specific",                 // Step 11: script variant 2, specific policies and lists
                "galsync-update-frommiis",                 // Step 11: script variant 3, FromMIIS contacts only
                "schedule-galsync-update"));               // Step 12: (optional) schedule at least daily
        GOLDEN.put(GALSYNC, List.of(
                "update-all",        // Step 11 variant 1: Get-EmailAddressPolicy | Update-EmailAddressPolicy, ...
                "update-specific",   // Step 11 variant 2: Update-EmailAddressPolicy -Identity ..., ...
                "update-frommiis")); // Step 11 variant 3: Get-MailContact -OrganizationalUnit "FromMIIS" | ... | Set-MailContact
    }

    /** PowerShell's automatic and preference variables: neither a parameter nor a script variable may take these names. */
    private static final Set<String> AUTOMATIC = Set.of("$", "?", "^", "_", "args", "consolefilename", "enabledexperimentalfeatures",
            "error", "event", "eventargs", "eventsubscriber", "executioncontext", "false", "foreach", "home", "host", "input",
            "iscoreclr", "islinux", "ismacos", "iswindows", "lastexitcode", "matches", "myinvocation", "nestedpromptlevel",
            "null", "pid", "profile", "psboundparameters", "pscmdlet", "pscommandpath", "psculture", "psdebugcontext",
            "psedition", "pshome", "psitem", "psscriptroot", "pssenderinfo", "psuiculture", "psversiontable", "pwd",
            "sender", "shellid", "stacktrace", "switch", "this", "true", "ofs", "erroractionpreference",
            "confirmpreference", "debugpreference", "warningpreference", "verbosepreference", "informationpreference",
            "progresspreference", "whatifpreference", "maximumhistorycount", "psdefaultparametervalues",
            "psemailserver", "pssessionoption", "pssessionconfigurationname", "pssessionapplicationname");

    /** Automatic variables a script may read. */
    private static final Set<String> READABLE_BUILTINS = Set.of("_", "true", "false", "null", "lastexitcode",
            "erroractionpreference");

    private static final Pattern VARIABLE =
            Pattern.compile("\\$(?:(global|script|local|private|using|env):)?([A-Za-z_][A-Za-z0-9_]*)");

    private static ProcedureCatalog catalog;

    @BeforeAll
    static void load() {
        catalog = ProcedureCatalog.load(DIRECTORY);
    }

    private static Procedure procedure(String id) {
        return catalog.find(id).orElseThrow(() -> new AssertionError("procedure " + id + " is missing"));
    }

    /** A script that builds a {@code \\<host>\<drive>$} path or calls an Exchange cmdlet reaches a second hop. */
    private static final Pattern SHARE_PATH = Pattern.compile("'\\\\\\\\\\{0\\}\\\\");
    private static final Pattern EXCHANGE_CMDLET = Pattern.compile(
            "\\b(?:Get|Set|New|Move|Update)-(?:SendConnector|AcceptedDomain|EmailAddressPolicy|Mailbox|MailContact"
            + "|AddressList|GlobalAddressList)\\b");

    @Test
    void everyStepThatReachesASecondHopDeclaresItsNeed() {
        int withNeeds = 0;
        for (Procedure procedure : catalog.all()) {
            for (Step step : procedure.steps()) {
                String script = step.script() == null ? "" : step.script();
                String at = procedure.id() + " / " + step.id();
                if (SHARE_PATH.matcher(script).find()) {
                    assertThat(step.needs()).as(at).contains(Need.share("oldServer"));
                }
                if (EXCHANGE_CMDLET.matcher(script).find()) {
                    assertThat(step.needs()).as(at).contains(Need.ACTIVE_DIRECTORY);
                }
                if (!step.needs().isEmpty()) {
                    withNeeds++;
                    assertThat(SHARE_PATH.matcher(script).find() || EXCHANGE_CMDLET.matcher(script).find())
                            .as("%s declares needs its script does not reach", at).isTrue();
                }
            }
        }
        assertThat(withNeeds).isEqualTo(15);
    }

    @Test
    void theSixProceduresArePresent() {
        assertThat(catalog.all()).extracting(Procedure::id)
                .containsExactlyInAnyOrder(SINGLE, MANAGEMENT, INSTANCE_HOST, CLIENT_ACCESS, EXCHANGE, GALSYNC);
    }

    @Test
    void everyProcedureHasTheGoldenStepsInTheGuidesOrder() {
        GOLDEN.forEach((id, steps) -> assertThat(procedure(id).steps())
                .as("steps of %s", id)
                .extracting(Step::id)
                .containsExactlyElementsOf(steps));
    }

    @Test
    void everyProcedureNamesItsSourceAndDescribesItself() {
        for (Procedure procedure : catalog.all()) {
            String guide = procedure.id().equals(EXCHANGE) || procedure.id().equals(GALSYNC)
                    ? "002_c2331366fde39fab.txt — " : "000_1ce43266863a55dd.txt — ";
            assertThat(procedure.source()).as("source of %s", procedure.id()).startsWith(guide);
            assertThat(procedure.description()).as("description of %s", procedure.id()).isNotBlank();
            for (Parameter parameter : procedure.parameters()) {
                assertThat(parameter.description()).as("description of %s.%s", procedure.id(), parameter.name())
                        .isNotBlank();
            }
        }
    }

    @Test
    void parameterNamesAreNeverPowerShellAutomaticVariables() {
        for (Procedure procedure : catalog.all()) {
            for (Parameter parameter : procedure.parameters()) {
                assertThat(AUTOMATIC).as("parameter %s of %s", parameter.name(), procedure.id())
                        .doesNotContain(parameter.name().toLowerCase(Locale.ROOT));
                assertThat(parameter.name()).matches("[a-z][A-Za-z0-9]*");
            }
        }
    }

    // ---- branches -------------------------------------------------------------------------------------

    @Test
    void exchangeSkipsTheGalSyncAgentStepsWhenGalSyncIsAlreadyEnabled() {
        Procedure exchange = procedure(EXCHANGE);
        Map<String, String> base = Map.of("exchangeServer", "ex2007-a", "moveAllMailboxesNow", "false",
                "targetDatabase", "EX2007A\\First Storage Group\\Mailbox Database");
        Set<String> enabled = applying(exchange, with(base, "galsyncAlreadyEnabled", "true"));
        Set<String> notEnabled = applying(exchange, with(base, "galsyncAlreadyEnabled", "false"));
        assertThat(enabled).doesNotContain("create-galsync-management-agent", "enable-provisioning-rules-extension");
        assertThat(notEnabled).contains("create-galsync-management-agent", "enable-provisioning-rules-extension");
        // Unset, GALSync counts as not enabled yet.
        assertThat(applying(exchange, base)).contains("create-galsync-management-agent",
                "enable-provisioning-rules-extension");
    }

    @Test
    void exchangeSkipsConnectorsAndAuthoritativeDomainWhenAllMailboxesMoveNow() {
        Procedure exchange = procedure(EXCHANGE);
        Map<String, String> base = Map.of("exchangeServer", "ex2007-a", "relayThroughAnyForest", "true",
                "targetDatabase", "EX2007A\\First Storage Group\\Mailbox Database");
        Set<String> allNow = applying(exchange, with(base, "moveAllMailboxesNow", "true"));
        assertThat(allNow).doesNotContain("create-cross-forest-send-connector", "configure-legacy-forest-connector",
                "configure-authoritative-domain", "confirm-staged-mailbox-move");
        assertThat(allNow).contains("confirm-immediate-mailbox-move", "move-mailboxes");

        Set<String> staged = applying(exchange, with(base, "moveAllMailboxesNow", "false"));
        assertThat(staged).contains("confirm-staged-mailbox-move", "create-cross-forest-send-connector",
                "configure-legacy-forest-connector", "configure-authoritative-domain", "move-mailboxes");
        assertThat(staged).doesNotContain("confirm-immediate-mailbox-move");

        Map<String, String> stagedNoRelay = new HashMap<>(with(base, "moveAllMailboxesNow", "false"));
        stagedNoRelay.put("relayThroughAnyForest", "false");
        assertThat(applying(exchange, stagedNoRelay))
                .contains("create-cross-forest-send-connector")
                .doesNotContain("configure-authoritative-domain");
    }

    @Test
    void exchangeOptionalStepsFollowTheirParameters() {
        Procedure exchange = procedure(EXCHANGE);
        Map<String, String> base = Map.of("exchangeServer", "ex2007-a", "moveAllMailboxesNow", "true",
                "targetDatabase", "EX2007A\\First Storage Group\\Mailbox Database");
        assertThat(applying(exchange, base))
                .doesNotContain("install-inter-organization-replication", "remove-legacy-servers")
                .contains("schedule-galsync-update", "install-exchange-2007", "create-frommiis-ou");
        Map<String, String> all = new HashMap<>(base);
        all.put("shareFreeBusyWithOlderOutlook", "true");
        all.put("removeLegacyServers", "true");
        all.put("scheduleGalSync", "false");
        assertThat(applying(exchange, all))
                .contains("install-inter-organization-replication", "remove-legacy-servers")
                .doesNotContain("schedule-galsync-update");
    }

    @Test
    void exactlyOneGalSyncVariantAppliesPerScope() {
        Map<String, String> galsyncVariants = Map.of("all", "update-all", "specific", "update-specific",
                "frommiis", "update-frommiis");
        Procedure galsync = procedure(GALSYNC);
        Procedure exchange = procedure(EXCHANGE);
        galsyncVariants.forEach((scope, stepId) -> {
            assertThat(applying(galsync, Map.of("exchangeServer", "ex2007-a", "scope", scope)))
                    .as("galsync-update with scope=%s", scope)
                    .containsExactly(stepId);
            Set<String> exchangeSteps = applying(exchange, Map.of("exchangeServer", "ex2007-a",
                    "moveAllMailboxesNow", "true", "scope", scope,
                    "targetDatabase", "EX2007A\\First Storage Group\\Mailbox Database"));
            assertThat(exchangeSteps.stream().filter(s -> s.startsWith("galsync-update-")))
                    .as("exchange-2007-cross-forest with scope=%s", scope)
                    .containsExactly("galsync-" + stepId);
        });
        // The default scope is all.
        assertThat(applying(galsync, Map.of("exchangeServer", "ex2007-a"))).containsExactly("update-all");
    }

    @Test
    void theExchangeProcedureRunsTheSameProvisioningScriptsAsGalSyncUpdate() {
        Procedure galsync = procedure(GALSYNC);
        Procedure exchange = procedure(EXCHANGE);
        for (String variant : List.of("update-all", "update-specific", "update-frommiis")) {
            Step own = galsync.step(variant).orElseThrow();
            Step mirrored = exchange.step("galsync-" + variant).orElseThrow();
            assertThat(mirrored.script()).as(variant).isEqualTo(own.script());
            assertThat(mirrored.when().text()).isEqualTo(own.when().text());
            assertThat(mirrored.warning()).isEqualTo(own.warning());
        }
    }

    @Test
    void mfaStepsApplyOnlyWhenMfaIsEnabled() {
        Map<String, String> single = Map.of("oldServer", "spe-01", "newServer", "spe-02", "smtpPasswordSet", "false",
                "hostnameChanged", "false", "instanceDataDirectories", "E:\\MailStore\\Instances", "pfxPassword", "x");
        Map<String, String> management = Map.of("oldServer", "spe-ms-01", "newServer", "spe-ms-02",
                "smtpPasswordSet", "false");
        for (Map.Entry<String, Map<String, String>> entry : Map.of(SINGLE, single, MANAGEMENT, management).entrySet()) {
            Procedure procedure = procedure(entry.getKey());
            assertThat(applying(procedure, with(entry.getValue(), "mfaEnabled", "true")))
                    .as(entry.getKey()).contains("disable-mfa", "reenable-mfa");
            assertThat(applying(procedure, with(entry.getValue(), "mfaEnabled", "false")))
                    .as(entry.getKey()).doesNotContain("disable-mfa", "reenable-mfa", "reenter-smtp-password");
            Map<String, String> smtp = new HashMap<>(with(entry.getValue(), "mfaEnabled", "false"));
            smtp.put("smtpPasswordSet", "true");
            assertThat(applying(procedure, smtp)).as(entry.getKey()).contains("reenter-smtp-password");
        }
    }

    @Test
    void singleServerConditionalStepsFollowTheirParameters() {
        Procedure single = procedure(SINGLE);
        Map<String, String> base = Map.of("oldServer", "spe-01", "newServer", "spe-02", "mfaEnabled", "false",
                "smtpPasswordSet", "false", "hostnameChanged", "false",
                "instanceDataDirectories", "E:\\MailStore\\Instances", "pfxPassword", "x");
        assertThat(applying(single, base))
                .doesNotContain("follow-renaming-the-server", "adjust-instance-base-directories");
        Map<String, String> changed = new HashMap<>(base);
        changed.put("hostnameChanged", "true");
        changed.put("newInstanceDataDirectories", "F:\\Archive\\Instances");
        changed.put("instanceDataPathsChanged", "true");
        assertThat(applying(single, changed))
                .contains("follow-renaming-the-server", "adjust-instance-base-directories");
    }

    // ---- approvals, idempotence, warnings ------------------------------------------------------------

    @Test
    void riskyStepsWaitForTheOnCallApprover() {
        Map<String, List<String>> risky = Map.of(
                SINGLE, List.of("stop-services-old-server", "stop-services-new-server", "remove-certificates-new-server",
                        "copy-certificates-to-new-server", "delete-exported-pfx-files", "replace-config-directory"),
                MANAGEMENT, List.of("stop-management-server-old-server", "transfer-management-database"),
                INSTANCE_HOST, List.of("stop-instance-host-old-server", "move-instances",
                        "remove-instance-host-role-old-server", "remove-old-instance-host-entry"),
                CLIENT_ACCESS, List.of("stop-client-access-server-old-server", "copy-certificates-to-new-server",
                        "delete-exported-pfx-files", "remove-client-access-server-role-old-server",
                        "remove-old-client-access-server-entry"),
                EXCHANGE, List.of("create-cross-forest-send-connector", "configure-authoritative-domain",
                        "move-mailboxes", "remove-legacy-servers"));
        risky.forEach((id, steps) -> {
            for (String stepId : steps) {
                assertThat(procedure(id).step(stepId).orElseThrow().approval())
                        .as("%s / %s", id, stepId).isEqualTo(Approval.ON_CALL);
            }
        });
        for (Procedure procedure : catalog.all()) {
            for (Step step : procedure.steps()) {
                String script = step.script() == null ? "" : step.script();
                if (script.contains("Stop-Service") || script.contains("Move-Mailbox") || script.contains("Set-AcceptedDomain")
                        || script.contains("Rename-Item") || script.contains("/MOV")) {
                    assertThat(step.approval()).as("%s / %s", procedure.id(), step.id()).isEqualTo(Approval.ON_CALL);
                }
            }
        }
    }

    @Test
    void checksAreReadOnlyAndIdempotent() {
        Pattern mutating = Pattern.compile("\\b(?:Stop|Start|Restart|Remove|Set|New|Update|Move|Copy|Rename|Export|Import)-[A-Z]");
        for (Procedure procedure : catalog.all()) {
            for (Step step : procedure.steps()) {
                if (step.kind() == StepKind.CHECK) {
                    assertThat(step.idempotent()).as("%s / %s", procedure.id(), step.id()).isTrue();
                    assertThat(mutating.matcher(step.script()).find()).as("%s / %s mutates", procedure.id(), step.id())
                            .isFalse();
                    assertThat(step.script()).doesNotContain("robocopy");
                }
                if (step.kind() == StepKind.MANUAL) {
                    assertThat(step.instructions()).as("%s / %s", procedure.id(), step.id()).isNotBlank();
                    assertThat(step.script()).isNull();
                }
            }
        }
    }

    @Test
    void theGuidesWarningsSitOnTheRightSteps() {
        assertWarning(SINGLE, "disable-mfa", "DPAPI");
        assertWarning(MANAGEMENT, "disable-mfa", "DPAPI");
        assertWarning(GALSYNC, "update-all", "costly", "hours");
        assertWarning(GALSYNC, "update-specific", "costly", "All Users\\AddressList01");
        assertWarning(EXCHANGE, "galsync-update-all", "costly", "hours");
        assertWarning(EXCHANGE, "create-cross-forest-send-connector", "TLS", "Basic authentication", "829721");
        assertWarning(EXCHANGE, "configure-legacy-forest-connector", "TLS", "Basic authentication");
        assertWarning(EXCHANGE, "move-mailboxes", "recipient policies", "Automatically update e-mail addresses",
                "distribution groups", "ADMT");
        assertWarning(EXCHANGE, "remove-legacy-servers", "LAST", "public folder", "Recipient Update Service");
        assertWarning(EXCHANGE, "install-exchange-2007", "Edge Transport");
        for (String id : List.of(SINGLE, CLIENT_ACCESS)) {
            assertWarning(id, "export-certificates-old-server", "Windows Server 2016", "elevated");
            assertWarning(id, "import-certificates-new-server", "Windows Server 2016", "elevated");
            assertWarning(id, "copy-certificates-to-new-server", "double hop", "CredSSP", "by hand");
        }
        assertWarning(SINGLE, "replace-config-directory", "double hop", "CredSSP", "by hand");
        assertWarning(SINGLE, "transfer-instance-data", "double hop", "CredSSP", "by hand");
        assertWarning(MANAGEMENT, "transfer-management-database", "double hop", "CredSSP", "by hand");
        // Any script that reaches another machine's administrative share says so.
        for (Procedure procedure : catalog.all()) {
            for (Step step : procedure.steps()) {
                if (step.script() != null && step.script().contains("'\\\\{0}\\")) {
                    assertWarning(procedure.id(), step.id(), "double hop");
                }
            }
        }
    }

    private static void assertWarning(String id, String stepId, String... words) {
        Step step = procedure(id).step(stepId).orElseThrow(() -> new AssertionError(id + " has no step " + stepId));
        assertThat(step.warning()).as("warning of %s / %s", id, stepId).isNotNull();
        for (String word : words) {
            assertThat(step.warning()).as("warning of %s / %s", id, stepId).containsIgnoringCase(word);
        }
    }

    @Test
    void stepInstructionsCarryTheGuidesFacts() {
        assertThat(procedure(EXCHANGE).step("install-exchange-2007").orElseThrow().instructions())
                .containsSubsequence("Client Access", "Hub Transport", "Mailbox", "Unified Messaging");
        assertThat(procedure(EXCHANGE).step("enable-provisioning-rules-extension").orElseThrow().instructions())
                .contains("Tools", "Options", "Enable Provisioning Rules Extension", "OK");
        assertThat(procedure(EXCHANGE).step("create-frommiis-ou").orElseThrow().instructions())
                .contains("Active Directory Users and Computers", "Organizational Unit", "FromMIIS");
        assertThat(procedure(EXCHANGE).step("schedule-galsync-update").orElseThrow().instructions())
                .contains("/migrate schedule add galsync-update", "cron=\"0 0 2 * * ?\"",
                        "PowerShell.exe -PsConsoleFile \"C:\\Program Files\\Microsoft\\Exchange Server\\bin\\exshell.psc1\"",
                        "at.exe");
        for (String id : List.of(SINGLE, MANAGEMENT, INSTANCE_HOST, CLIENT_ACCESS)) {
            assertThat(procedure(id).step("open-configuration-tool").orElseThrow().instructions())
                    .contains("%PROGRAMFILES%\\MailStore Infrastructure\\MailStoreInfrastructureConfig.exe");
        }
        assertThat(procedure(MANAGEMENT).step("repoint-instance-hosts-and-client-access-servers").orElseThrow()
                .instructions()).contains("Configure...");
        assertThat(procedure(CLIENT_ACCESS).step("select-imported-certificates").orElseThrow().instructions())
                .contains("Configure Client Access Server Role");
    }

    // ---- scripts -----------------------------------------------------------------------------------------

    @Test
    void theGuidesExamplePasswordIsNowhere() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("not_secure_234");
            }
        }
        for (Procedure procedure : catalog.all()) {
            for (Step step : procedure.steps()) {
                if (step.script() != null) {
                    assertThat(step.script()).doesNotContain("not_secure_234");
                }
            }
        }
        assertThat(procedure(SINGLE).parameter("pfxPassword").orElseThrow().isSecret()).isTrue();
        assertThat(procedure(CLIENT_ACCESS).parameter("pfxPassword").orElseThrow().isSecret()).isTrue();
    }

    @Test
    void scriptsReachParametersOnlyAsBoundVariables() {
        for (Procedure procedure : catalog.all()) {
            Map<String, String> parameterNames = new HashMap<>();
            procedure.parameters().forEach(p -> parameterNames.put(p.name().toLowerCase(Locale.ROOT), p.name()));
            for (Step step : procedure.steps()) {
                if (!step.kind().runsScript()) {
                    continue;
                }
                String where = procedure.id() + " / " + step.id();
                String script = step.script();
                assertThat(script).as(where).doesNotContain("{{", "${");
                assertThat(script).as(where).contains("$ErrorActionPreference = 'Stop'");
                Set<String> unknown = new TreeSet<>();
                Matcher matcher = VARIABLE.matcher(script);
                while (matcher.find()) {
                    String scope = matcher.group(1);
                    String name = matcher.group(2);
                    String lower = name.toLowerCase(Locale.ROOT);
                    if ("env".equals(scope)) {
                        continue;
                    }
                    if (parameterNames.containsKey(lower)) {
                        assertThat(name).as("%s: $%s is written like parameter %s", where, name, parameterNames.get(lower))
                                .isEqualTo(parameterNames.get(lower));
                        assertThat(Pattern.compile("\\$" + name + "\\s*(?:=|\\+=)(?!=)").matcher(script).find())
                                .as("%s assigns to parameter $%s", where, name).isFalse();
                        continue;
                    }
                    if (READABLE_BUILTINS.contains(lower)) {
                        continue;
                    }
                    assertThat(AUTOMATIC).as("%s uses automatic variable $%s", where, name).doesNotContain(lower);
                    if (!declared(script, name)) {
                        unknown.add(name);
                    }
                }
                assertThat(unknown).as("%s: variables that are neither parameters nor assigned in the script", where)
                        .isEmpty();
            }
        }
    }

    private static boolean declared(String script, String name) {
        String variable = "\\$" + Pattern.quote(name);
        return Pattern.compile(variable + "\\s*(?:=|\\+=)").matcher(script).find()
                || Pattern.compile("(?i)foreach\\s*\\(\\s*" + variable + "\\s+in\\b").matcher(script).find()
                || Pattern.compile("\\]\\s*" + variable + "\\b").matcher(script).find();
    }

    @Test
    void scriptsFollowTheGuidesCommandsAndOrderingRules() {
        // MailStore service names are discovered, never hard-coded.
        for (String id : List.of(SINGLE, MANAGEMENT, INSTANCE_HOST, CLIENT_ACCESS)) {
            for (Step step : procedure(id).steps()) {
                String script = step.script();
                if (script != null && (script.contains("Stop-Service") || script.contains("Start-Service"))) {
                    assertThat(script).as("%s / %s", id, step.id())
                            .contains("Win32_Service", "MailStore Infrastructure")
                            .doesNotContainPattern("(?:Stop|Start)-Service\\s+-Name\\s+['\"]")
                            .contains("throw");
                }
            }
        }
        String stop = procedure(SINGLE).step("stop-services-old-server").orElseThrow().script();
        assertThat(stop).containsSubsequence("'*Client Access*'", "'*Instance Host*'", "'*Management Server*'");
        String stopNew = procedure(SINGLE).step("stop-services-new-server").orElseThrow().script();
        assertThat(stopNew).containsSubsequence("'*Client Access*'", "'*Instance Host*'", "'*Management Server*'");
        String start = procedure(SINGLE).step("start-services-new-server").orElseThrow().script();
        assertThat(start).containsSubsequence("'*Management Server*'", "'*Instance Host*'", "'*Client Access*'");

        for (String id : List.of(SINGLE, CLIENT_ACCESS)) {
            assertThat(procedure(id).step("export-certificates-old-server").orElseThrow().script())
                    .contains("Export-PfxCertificate", "Cert:\\LocalMachine\\My", "$pfxPassword");
            assertThat(procedure(id).step("import-certificates-new-server").orElseThrow().script())
                    .contains("Import-PfxCertificate", "-Exportable", "-CertStoreLocation 'Cert:\\LocalMachine\\My'",
                            "$pfxPassword");
        }
        assertThat(procedure(CLIENT_ACCESS).step("export-certificates-old-server").orElseThrow().script())
                .contains("MailStoreClientAccessServerTcp");
        assertThat(procedure(CLIENT_ACCESS).parameter("certificateNames").orElseThrow().defaultValue())
                .contains("MailStoreClientAccessServerHttp", "MailStoreClientAccessServerImap")
                .doesNotContain("MailStoreClientAccessServerTcp");
        assertThat(procedure(MANAGEMENT).step("transfer-management-database").orElseThrow().script())
                .contains("MailStoreManagementDatabase.json");

        // robocopy: 0-7 success, 8 or more failure, and the script ends with an explicit exit.
        for (Procedure procedure : catalog.all()) {
            for (Step step : procedure.steps()) {
                if (step.script() != null && step.script().contains("robocopy")) {
                    assertThat(step.script()).as("%s / %s", procedure.id(), step.id())
                            .contains("$LASTEXITCODE", "-ge 8", "exit 1");
                    assertThat(step.script().strip()).as("%s / %s", procedure.id(), step.id()).endsWith("exit 0");
                }
            }
        }

        // Exchange: the real cmdlet names, not the guide's "Get- EmailAddressPolicy" typo.
        for (String id : List.of(EXCHANGE, GALSYNC)) {
            for (Step step : procedure(id).steps()) {
                if (step.script() != null) {
                    assertThat(step.script()).as("%s / %s", id, step.id()).doesNotContain("Get- ");
                }
            }
        }
        assertThat(procedure(GALSYNC).step("update-all").orElseThrow().script())
                .contains("Get-EmailAddressPolicy", "Update-EmailAddressPolicy", "Get-AddressList", "Update-AddressList",
                        "Get-GlobalAddressList", "Update-GlobalAddressList");
        assertThat(procedure(GALSYNC).step("update-specific").orElseThrow().script())
                .contains("Update-EmailAddressPolicy -Identity $policyName", "Update-AddressList -Identity $listName",
                        "Update-GlobalAddressList -Identity $galName", "throw");
        assertThat(procedure(GALSYNC).step("update-frommiis").orElseThrow().script())
                .contains("Get-MailContact -OrganizationalUnit 'FromMIIS'", "LegacyExchangeDN", "Set-MailContact");
        assertThat(procedure(EXCHANGE).step("move-mailboxes").orElseThrow().script())
                .contains("Move-Mailbox", "SourceForestGlobalCatalog", "SourceForestCredential", "TargetForestCredential");
        assertThat(procedure(EXCHANGE).step("configure-authoritative-domain").orElseThrow().script())
                .contains("New-AcceptedDomain", "-DomainType Authoritative");
        assertThat(procedure(EXCHANGE).step("create-cross-forest-send-connector").orElseThrow().script())
                .contains("New-SendConnector", "BasicAuthRequireTLS");
    }

    @Test
    void longRunningStepsHaveLongTimeouts() {
        assertThat(procedure(GALSYNC).step("update-all").orElseThrow().timeout()).isGreaterThanOrEqualTo(
                java.time.Duration.ofHours(6));
        assertThat(procedure(EXCHANGE).step("move-mailboxes").orElseThrow().timeout()).isGreaterThanOrEqualTo(
                java.time.Duration.ofHours(24));
        assertThat(procedure(SINGLE).step("transfer-instance-data").orElseThrow().timeout()).isGreaterThanOrEqualTo(
                java.time.Duration.ofHours(24));
        for (Step step : procedure(GALSYNC).steps()) {
            assertThat(step.idempotent()).as(step.id()).isTrue();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> out = new HashMap<>(base);
        out.put(name, value);
        return out;
    }

    /** Binds the raw values (every host name counts as known) and returns the ids of the steps that apply. */
    private static Set<String> applying(Procedure procedure, Map<String, String> raw) {
        BoundParameters bound = new ParameterBinder(name -> true).bind(procedure, raw);
        Set<String> out = new java.util.LinkedHashSet<>();
        for (Step step : procedure.steps()) {
            if (step.when().test(bound.values())) {
                out.add(step.id());
            }
        }
        return out;
    }
}
