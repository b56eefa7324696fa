package dev.ferry.chat;

import dev.ferry.connector.Host;
import dev.ferry.connector.HostInventory;
import dev.ferry.procedure.Approval;
import dev.ferry.procedure.BoundParameters;
import dev.ferry.procedure.Need;
import dev.ferry.procedure.Parameter;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.procedure.Step;
import dev.ferry.run.ScriptRenderer;
import java.util.Map;
import java.util.stream.Collectors;

/** Replies about procedures and hosts: list, show, plan, hosts. Nothing here changes anything. */
final class CatalogReplies {

    private final ProcedureCatalog catalog;
    private final HostInventory inventory;
    private final ScriptRenderer renderer;

    CatalogReplies(ProcedureCatalog catalog, HostInventory inventory, ScriptRenderer renderer) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.renderer = renderer;
    }

    Reply list() {
        Reply.Builder out = new Reply.Builder().line("Procedures (" + catalog.all().size() + "):");
        for (Procedure procedure : catalog.all()) {
            out.line("• " + procedure.id() + " — " + procedure.title() + " (" + procedure.steps().size() + " steps)");
        }
        return out.line("Details: /migrate show <procedure>").build(true);
    }

    Reply show(Procedure procedure) {
        Reply.Builder out = new Reply.Builder()
                .line(procedure.title() + " — " + procedure.id() + " v" + procedure.version())
                .line("Source: " + procedure.source());
        if (procedure.description() != null) {
            out.line(procedure.description());
        }
        out.line("").line("Parameters:");
        if (procedure.parameters().isEmpty()) {
            out.line("  (none)");
        }
        for (Parameter parameter : procedure.parameters()) {
            out.line("  " + parameter.name() + " — " + parameter.type().word()
                    + (parameter.required() ? ", required" : ", optional")
                    + parameter.defaultText().map(d -> ", default " + d).orElse("")
                    + (parameter.description() == null ? "" : ": " + parameter.description())
                    + " [" + parameter.rule() + "]");
        }
        out.line("").line("Steps:");
        for (int i = 0; i < procedure.steps().size(); i++) {
            Step step = procedure.steps().get(i);
            out.line("  " + (i + 1) + ". " + step.title() + " [" + step.kind().word()
                    + (step.target() == null ? "" : " on " + step.target())
                    + (step.approval() == Approval.ON_CALL ? ", approval on-call" : "")
                    + (step.when().isAlways() ? "" : ", when " + step.when().text())
                    + (step.needs().isEmpty() ? "" : ", needs " + step.needs().stream().map(Need::word)
                            .collect(Collectors.joining(", "))) + "]");
        }
        return out.line("").line("Try: /migrate plan " + procedure.id() + example(procedure)).build(true);
    }

    Reply plan(Procedure procedure, BoundParameters parameters) {
        Map<String, String> values = parameters.values();
        Reply.Builder out = new Reply.Builder()
                .line("Plan for " + procedure.id() + " v" + procedure.version() + " — nothing runs.")
                .line("Parameters: " + format(parameters.publicValues()));
        for (int i = 0; i < procedure.steps().size(); i++) {
            Step step = procedure.steps().get(i);
            boolean applies = step.when().test(values);
            out.line("").line((i + 1) + ". " + step.title() + " [" + step.kind().word()
                    + (step.target() == null ? "" : " on " + values.get(step.target()))
                    + (step.approval() == Approval.ON_CALL ? ", approval on-call" : "") + "]");
            if (!step.when().isAlways()) {
                out.line("   when " + step.when().text() + " → " + (applies ? "applies" : "does not apply: skipped"));
            }
            if (!applies) {
                continue;
            }
            if (!step.needs().isEmpty() && step.target() != null) {
                out.line("   needs, from " + values.get(step.target()) + ": " + step.needs().stream()
                        .map(need -> need.kind() == Need.Kind.SHARE ? "the administrative share C$ of "
                                + values.get(need.hostParameter()) : need.word())
                        .collect(Collectors.joining(", ")));
            }
            step.warningText().ifPresent(w -> out.line("   ⚠ " + w));
            step.instructionText().ifPresent(text -> out.line(indent(text)));
            if (step.script() != null) {
                out.code("powershell", renderer.render(procedure, step, values).display());
            }
        }
        return out.build(true);
    }

    Reply hosts() {
        Reply.Builder out = new Reply.Builder().line("Hosts (" + inventory.all().size() + "), from config/hosts.yml:");
        for (Host host : inventory.all()) {
            out.line("• " + host.name() + " — " + host.address() + " via " + host.transport().word()
                    + host.exchangeVersion().map(v -> ", Exchange " + v).orElse("")
                    + (host.description() == null ? "" : " — " + host.description()));
        }
        return out.build(true);
    }

    static String format(Map<String, String> values) {
        if (values.isEmpty()) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(out.isEmpty() ? "" : " ").append(k).append('=')
                .append(v.contains(" ") ? "\"" + v + "\"" : v));
        return out.toString();
    }

    private String example(Procedure procedure) {
        StringBuilder out = new StringBuilder();
        for (Parameter parameter : procedure.parameters()) {
            if (parameter.required()) {
                out.append(' ').append(parameter.name()).append("=…");
            }
        }
        return out.toString();
    }

    private static String indent(String text) {
        return text.lines().map(l -> "   " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
