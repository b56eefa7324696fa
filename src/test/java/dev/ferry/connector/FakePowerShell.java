package dev.ferry.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the test hosts (the WinRM listener and the SSH server) do with a script instead of running PowerShell,
 * which is not here: they read a few directives out of it.
 */
public final class FakePowerShell {

    private FakePowerShell() {
    }

    /** One step of what a command does: output, a pause, or its end. */
    public sealed interface Event permits Out, Pause, Exit, Hang, Drop {
    }

    public record Out(boolean stderr, String text) implements Event {
    }

    public record Pause(long millis) implements Event {
    }

    public record Exit(int code) implements Event {
    }

    public record Hang() implements Event {
    }

    /** The connection is closed without an answer, in the middle of the output. */
    public record Drop() implements Event {
    }

    /**
     * The default host: reads the step's script between the wrapper's {@code try {} and {@code } catch} and
     * acts on these lines: {@code Write-Output 'text'}, {@code Write-Error 'text'} (CLIXML on stderr, as
     * powershell.exe writes it when redirected), {@code Start-Sleep -Milliseconds n}, {@code exit n},
     * {@code Wait-Forever}, {@code Drop-Connection}; the preflight's {@code $PSVersionTable} line answers 5.1.
     */
    public static List<Event> interpret(String wrapper) {
        return interpret(wrapper, null);
    }

    /**
     * As {@link #interpret(String)}; {@code Show-Logon} writes {@code password}, as a badly written script
     * that echoes its credential would.
     */
    public static List<Event> interpret(String wrapper, String password) {
        List<Event> events = new ArrayList<>();
        int from = wrapper.indexOf("try {\n");
        int to = wrapper.lastIndexOf("\n} catch {");
        String body = from < 0 || to < 0 ? wrapper : wrapper.substring(from + 6, to);
        int exit = 0;
        for (String line : body.lines().map(String::strip).toList()) {
            Matcher m;
            if ((m = Pattern.compile("Write-Output '(.*)'").matcher(line)).matches()) {
                events.add(new Out(false, m.group(1).replace("''", "'") + "\r\n"));
            } else if ((m = Pattern.compile("Write-Error '(.*)'").matcher(line)).matches()) {
                events.add(new Out(true, clixmlError(m.group(1))));
                exit = 1;
            } else if ((m = Pattern.compile("Start-Sleep -Milliseconds (\\d+)").matcher(line)).matches()) {
                events.add(new Pause(Long.parseLong(m.group(1))));
            } else if ((m = Pattern.compile("exit (\\d+)").matcher(line)).matches()) {
                exit = Integer.parseInt(m.group(1));
                break;
            } else if (line.equals("Wait-Forever")) {
                events.add(new Hang());
            } else if (line.equals("Show-Logon")) {
                events.add(new Out(false, "logged on with password " + password + "\r\n"));
            } else if (line.equals("Drop-Connection")) {
                events.add(new Drop());
            } else if (line.contains("$PSVersionTable")) {
                events.add(new Out(false, "FERRY-PREFLIGHT powershell 5.1.17763.6414\r\n"));
            } else if (line.startsWith("Write-Output ('FERRY-PREFLIGHT mailstore-services")) {
                events.add(new Out(false, "FERRY-PREFLIGHT mailstore-service MailStoreSPEInstanceHost|MailStore SPE Instance Host|Running\r\n"
                        + "FERRY-PREFLIGHT mailstore-services 1\r\n"));
            }
        }
        events.add(new Exit(exit));
        return events;
    }

    /** The shape powershell.exe gives an error on a redirected stderr. */
    public static String clixmlError(String message) {
        return "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<Obj S=\"progress\" RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T>"
                + "<T>System.Object</T></TN><MS><I64 N=\"SourceId\">1</I64><PR N=\"Record\"><AV>Preparing modules for"
                + " first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR>"
                + "</MS></Obj><S S=\"Error\">" + message + "_x000D__x000A_</S>"
                + "<S S=\"Error\">    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException_x000D__x000A_</S>"
                + "</Objs>";
    }

}
