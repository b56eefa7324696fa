package dev.ferry.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClixmlTest {

    /** The shape of powershell.exe's redirected error stream (as pywinrm's and WinRb/WinRM's tests show it). */
    static final String ERROR = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
            + "<Obj S=\"progress\" RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T>"
            + "<T>System.Object</T></TN><MS><I64 N=\"SourceId\">1</I64><PR N=\"Record\"><AV>Preparing modules for first"
            + " use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj>"
            + "<S S=\"Error\">Get-Mailbox : The operation couldn't be performed because object 'x' couldn't be found"
            + "_x000D__x000A_</S><S S=\"Error\">At line:1 char:1_x000D__x000A_</S>"
            + "<S S=\"warning\">tab_x0009_here_x000D__x000A_</S></Objs>";

    @Test
    void decodesErrorStringsAndDropsProgress() {
        assertThat(Clixml.decode(ERROR)).isEqualTo("Get-Mailbox : The operation couldn't be performed because object"
                + " 'x' couldn't be found\nAt line:1 char:1\nWARNING: tab\there\n");
    }

    @Test
    void leavesOtherTextAlone() {
        assertThat(Clixml.decode("plain error\n")).isEqualTo("plain error\n");
        assertThat(Clixml.decode("#< CLIXML\r\n<Objs broken")).isEqualTo("#< CLIXML\r\n<Objs broken");
    }

    @Test
    void theCollectorDecodesClixmlThatArrivesInPiecesAndSplitsLinesAcrossPieces() {
        List<String> lines = new ArrayList<>();
        OutputCollector collector = new OutputCollector((stream, line) -> lines.add(stream + " " + line));
        byte[] err = ERROR.getBytes(StandardCharsets.UTF_8);
        byte[] out = "Grüße\r\nzwei".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < err.length; i += 7) {
            collector.stderr(err, i, Math.min(7, err.length - i));
        }
        for (int i = 0; i < out.length; i++) {
            collector.stdout(out, i, 1); // a multi-byte character split between pieces
        }
        collector.finish();

        assertThat(collector.stdoutText()).isEqualTo("Grüße\nzwei\n");
        assertThat(collector.stderrText()).startsWith("Get-Mailbox : ").doesNotContain("CLIXML");
        assertThat(lines).containsExactly("STDOUT Grüße", "STDOUT zwei",
                "STDERR Get-Mailbox : The operation couldn't be performed because object 'x' couldn't be found",
                "STDERR At line:1 char:1", "STDERR WARNING: tab\there");
    }

    @Test
    void plainStandardErrorIsStreamedAsItComes() {
        List<String> lines = new ArrayList<>();
        OutputCollector collector = new OutputCollector((stream, line) -> lines.add(stream + " " + line));
        byte[] err = "access denied\r\n".getBytes(StandardCharsets.UTF_8);

        collector.stderr(err, 0, err.length);

        assertThat(lines).containsExactly("STDERR access denied");
    }
}
