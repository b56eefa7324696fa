package dev.ferry.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.connector.Host;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.connector.Transport;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureLoader;
import dev.ferry.procedure.Step;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptRendererTest {

    private static final String ADDRESS = "spe-ih-01.corp.example.net";

    private final ScriptRenderer renderer = new ScriptRenderer(new HostInventory(List.of(
            new Host("spe-ih-01", ADDRESS, Transport.SIMULATED, null, null, List.of()))));

    /** A procedure whose only step runs {@code script}; it declares one parameter of every kind used below. */
    private static Procedure procedure(String script) {
        String indented = script.lines().map(line -> "      " + line).reduce((a, b) -> a + "\n" + b).orElse("");
        return ProcedureLoader.parse(Path.of("render-demo.yml"), """
                id: render-demo
                title: Render demo
                source: test
                parameters:
                  oldServer: { type: host }
                  oldServerName: { type: string, required: false }
                  dryRun: { type: boolean, default: "no" }
                  mailboxes: { type: list }
                  note: { type: string, required: false }
                  password: { type: secret }
                steps:
                  - id: run
                    title: Run
                    kind: powershell
                    target: oldServer
                    script: |
                """ + indented + "\n");
    }

    private static Map<String, String> values() {
        Map<String, String> values = new HashMap<>();
        values.put("oldServer", "spe-ih-01");
        values.put("oldServerName", "OLD");
        values.put("dryRun", "true");
        values.put("mailboxes", "alice, bob o'neil");
        values.put("password", "hunter'2");
        return values;
    }

    private PowerShellScript render(String script) {
        return render(script, values());
    }

    private PowerShellScript render(String script, Map<String, String> values) {
        Procedure procedure = procedure(script);
        Step step = procedure.steps().get(0);
        assertThat(step.script()).isEqualTo(script);
        return renderer.render(procedure, step, values);
    }

    @Test
    void bindsOnlyTheParametersTheScriptMentions() {
        PowerShellScript script = render("Get-Service -ComputerName $oldServer");

        assertThat(script.text()).isEqualTo("$oldServer = '" + ADDRESS + "'\nGet-Service -ComputerName $oldServer");
    }

    @Test
    void bindsNothingForAScriptThatMentionsNoParameter() {
        PowerShellScript script = render("Get-Date");

        assertThat(script.text()).isEqualTo("Get-Date");
    }

    @Test
    void bindsInTheProceduresOrderWhateverTheScriptsOrder() {
        PowerShellScript script = render("if ($dryRun) { $mailboxes } else { $oldServer }");

        assertThat(script.text()).isEqualTo("$oldServer = '" + ADDRESS + "'\n$dryRun = $true\n"
                + "$mailboxes = @('alice', 'bob o''neil')\nif ($dryRun) { $mailboxes } else { $oldServer }");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "Write-Output $OLDSERVER          | true",
        "Write-Output $OldServer.Length   | true",
        "Write-Output ${oldServer}        | true",
        "Write-Output ${OLDSERVER}        | true",
        "Write-Output \"on $oldServer\"   | true",
        "Write-Output \"$($oldServer)\"   | true",
        "Write-Output $oldServerName      | false",
        "Write-Output ${oldServerName}    | false",
        "Write-Output $oldServer_2        | false",
        "Write-Output $oldServers         | false",
        "Write-Output oldServer           | false",
        "Write-Output $old                | false",
    })
    void recognisesAMentionInAnyCaseButNotAsPartOfALongerName(String script, boolean mentioned) {
        assertThat(ScriptRenderer.mentions(script, "oldServer")).as(script).isEqualTo(mentioned);
        assertThat(render(script).text().startsWith("$oldServer = '" + ADDRESS + "'\n")).as(script)
                .isEqualTo(mentioned);
    }

    @Test
    void bindsALongerNamedParameterWithoutTheShorterOne() {
        PowerShellScript script = render("Rename-Computer -NewName $oldServerName");

        assertThat(script.text()).isEqualTo("$oldServerName = 'OLD'\nRename-Computer -NewName $oldServerName");
    }

    @Test
    void bindsAParameterUsedWithAScopeModifier() {
        assertThat(ScriptRenderer.mentions("Invoke-Command -ComputerName x -ScriptBlock { Get-Mailbox $using:mailboxes }",
                "mailboxes")).isTrue();
        assertThat(ScriptRenderer.mentions("Write-Output $script:oldServer", "oldServer")).isTrue();
    }

    @Test
    void bindsAHostParameterToTheHostsAddress() {
        PowerShellScript script = render("Test-Connection $oldServer");

        assertThat(script.text()).startsWith("$oldServer = '" + ADDRESS + "'\n");
        assertThat(script.text()).doesNotContain("'spe-ih-01'");
    }

    @Test
    void bindsBooleansAsBooleans() {
        Map<String, String> values = values();
        values.put("dryRun", "false");

        assertThat(render("if ($dryRun) { 'dry' }").text()).startsWith("$dryRun = $true\n");
        assertThat(render("if ($dryRun) { 'dry' }", values).text()).startsWith("$dryRun = $false\n");
    }

    @Test
    void bindsListsAsArraysOfStrippedItems() {
        Map<String, String> values = values();
        values.put("mailboxes", " one ,two,three ");

        assertThat(render("$mailboxes | ForEach-Object { $_ }", values).text())
                .startsWith("$mailboxes = @('one', 'two', 'three')\n");
    }

    @Test
    void bindsAnOptionalParameterWithoutValueAsNull() {
        PowerShellScript script = render("if ($null -eq $note) { 'no note' }");

        assertThat(script.text()).isEqualTo("$note = $null\nif ($null -eq $note) { 'no note' }");
    }

    @Test
    void bindsAStringParameterAsAQuotedLiteral() {
        Map<String, String> values = values();
        values.put("note", "it's $(Stop-Computer)");

        assertThat(render("Write-Output $note", values).text())
                .isEqualTo("$note = 'it''s $(Stop-Computer)'\nWrite-Output $note");
    }

    @Test
    void masksASecretInDisplayButNotInText() {
        PowerShellScript script = render("Connect -Credential $password");

        assertThat(script.text()).isEqualTo("$password = 'hunter''2'\nConnect -Credential $password");
        assertThat(script.display()).isEqualTo("$password = '********'\nConnect -Credential $password");
        assertThat(script.secretValues()).containsExactly("hunter'2");
    }

    @Test
    void bindsASecretWithoutValueAsNull() {
        // An optional secret that was never given; the engine refuses to run a step whose given secret is lost.
        Map<String, String> values = values();
        values.remove("password");

        PowerShellScript script = render("Connect -Credential $password", values);

        assertThat(script.text()).isEqualTo("$password = $null\nConnect -Credential $password");
        assertThat(script.display()).isEqualTo("$password = $null\nConnect -Credential $password");
        assertThat(script.secretValues()).isEmpty();
    }
}
