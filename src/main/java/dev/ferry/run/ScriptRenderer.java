package dev.ferry.run;

import dev.ferry.connector.Host;
import dev.ferry.connector.HostInventory;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.procedure.ListValue;
import dev.ferry.procedure.Parameter;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.Step;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a step's script and a run's values into a {@link PowerShellScript}: each parameter the script
 * mentions ({@code $name}, {@code ${name}} or scoped as {@code $using:name}, in any case, as PowerShell
 * variables are) is bound by type. A host parameter
 * is bound to the host's address.
 */
public final class ScriptRenderer {

    private final HostInventory inventory;

    public ScriptRenderer(HostInventory inventory) {
        this.inventory = inventory;
    }

    /** @param values the run's values; a secret that is not held any more may be absent or a marker */
    public PowerShellScript render(Procedure procedure, Step step, Map<String, String> values) {
        PowerShellScript.Builder script = PowerShellScript.builder(step.script());
        for (Parameter parameter : procedure.parameters()) {
            if (!mentions(step.script(), parameter.name())) {
                continue;
            }
            String name = parameter.name();
            String value = values.get(name);
            if (value == null) {
                script.nothing(name);
            } else if (parameter.isSecret()) {
                script.secret(name, value);
            } else {
                switch (parameter.type()) {
                    case BOOLEAN -> script.bool(name, Boolean.parseBoolean(value));
                    case LIST -> script.list(name, ListValue.split(value));
                    case HOST -> script.string(name, inventory.find(value).map(Host::address).orElse(value));
                    default -> script.string(name, value);
                }
            }
        }
        return script.build();
    }

    static boolean mentions(String script, String name) {
        return Pattern.compile("\\$\\{?(?:(?:using|script|global|local|private):)?" + Pattern.quote(name)
                        + "(?![A-Za-z0-9_:])", Pattern.CASE_INSENSITIVE)
                .matcher(script).find();
    }
}
