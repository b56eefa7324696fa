package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryTest;
import dev.ferry.connector.HostInventory;
import dev.ferry.procedure.ProcedureCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@FerryTest
class CommandReaderTest {

    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    HostInventory inventory;

    private Command read(String text) {
        return new CommandReader(catalog, inventory).read(ChatCommand.parse(text));
    }

    private String unreadable(String text) {
        Command command = read(text);
        assertThat(command).as(text).isInstanceOf(Command.Unreadable.class);
        Reply answer = ((Command.Unreadable) command).answer();
        assertThat(answer.error()).isTrue();
        return answer.plainText();
    }

    @Test
    void eachVerbReadsIntoItsOwnRecordWithWhatItNames() {
        assertThat(read("help")).isEqualTo(new Command.Help());
        assertThat(read("list")).isEqualTo(new Command.ListProcedures());
        assertThat(read("show test-move")).isEqualTo(new Command.Show(catalog.find("test-move").orElseThrow()));
        assertThat(read("start test-move oldServer=spe-ih-01")).isEqualTo(
                new Command.Start(catalog.find("test-move").orElseThrow(), Map.of("oldServer", "spe-ih-01")));
        assertThat(read("plan test-move")).isEqualTo(new Command.Plan(catalog.find("test-move").orElseThrow(), Map.of()));
        assertThat(read("status")).isEqualTo(new Command.Status(null));
        assertThat(read("status R12")).isEqualTo(new Command.Status("R12"));
        assertThat(read("resume R3 pfxPassword=x")).isEqualTo(new Command.Resume("R3", Map.of("pfxPassword", "x")));
        assertThat(read("abort R3")).isEqualTo(new Command.Abort("R3"));
        assertThat(read("hosts")).isEqualTo(new Command.Hosts());
        assertThat(read("check spe-ih-01")).isEqualTo(new Command.Check("spe-ih-01"));
        assertThat(read("audit R3")).isEqualTo(new Command.AuditRun("R3"));
        assertThat(read("audit refusals")).isEqualTo(new Command.AuditRefusals(null));
        assertThat(read("audit REFUSALS 7d")).isEqualTo(new Command.AuditRefusals("7d"));
        assertThat(read("schedule list")).isEqualTo(new Command.ScheduleList());
        assertThat(read("schedule add test-move host=spe-ih-01 cron=\"0 0 2 * * ?\"")).isEqualTo(
                new Command.ScheduleAdd("test-move", Map.of("host", "spe-ih-01", "cron", "0 0 2 * * ?")));
        assertThat(read("schedule PAUSE S1")).isEqualTo(new Command.ScheduleChangeOf(Command.ScheduleVerb.PAUSE, "S1"));
        assertThat(read("schedule run-now S2")).isEqualTo(
                new Command.ScheduleChangeOf(Command.ScheduleVerb.RUN_NOW, "S2"));
        assertThat(read("schedule remove")).isEqualTo(new Command.ScheduleChangeOf(Command.ScheduleVerb.REMOVE, null));
    }

    @Test
    void whatAVerbDoesNotTakeIsOneAnswerThatSaysHowToWriteIt() {
        assertThat(unreadable("frobnicate")).contains("'frobnicate' is not a /migrate command");
        assertThat(unreadable("start test-mvoe")).contains("There is no procedure 'test-mvoe'", "Did you mean test-move?");
        assertThat(unreadable("start")).contains("/migrate start needs a procedure");
        assertThat(unreadable("start test-move spe-ih-01")).contains("'spe-ih-01' is not name=value");
        assertThat(unreadable("show test-move extra")).contains("/migrate show takes one procedure, not 'extra'");
        assertThat(unreadable("abort")).contains("/migrate abort needs a run id, e.g. /migrate abort R3.");
        assertThat(unreadable("abort 3")).contains("'3' is not a run id; run ids are R and a number");
        assertThat(unreadable("status R3 R4")).contains("/migrate status takes one run id, not 'R4'");
        assertThat(unreadable("check")).contains("/migrate check needs a host");
        assertThat(unreadable("check spe-ih-99")).contains("There is no host 'spe-ih-99' in the inventory.");
        assertThat(unreadable("hosts now")).contains("/migrate hosts takes nothing more, not 'now'");
        assertThat(unreadable("audit")).contains("/migrate audit needs a run id");
        assertThat(unreadable("schedule")).contains("/migrate schedule needs what to do: /migrate schedule list");
        assertThat(unreadable("schedule frob S1")).contains("'frob' is not a schedule command");
        assertThat(unreadable("schedule add")).contains("/migrate schedule add needs a procedure");
        assertThat(unreadable("schedule pause S1 S2")).contains("/migrate schedule pause takes one schedule id, not 'S2'");
        assertThat(unreadable("schedule list now")).contains("/migrate schedule list takes nothing more, not 'now'");
        assertThat(unreadable("schedule pause S1 x=y")).contains("/migrate schedule pause takes no name=value");
    }
}
