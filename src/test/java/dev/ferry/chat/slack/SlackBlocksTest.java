package dev.ferry.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.CheckboxesElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.ferry.chat.Reply;
import dev.ferry.procedure.Parameter;
import dev.ferry.procedure.ParameterType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Block Kit within Slack's limits: sections of at most 3000 characters, at most 50 blocks, forms by parameter type. */
class SlackBlocksTest {

    @Test
    void longTextIsCutAtLineEndsIntoSectionsThatFit() {
        String script = IntStream.range(0, 500).mapToObj(i -> "Write-Output 'line " + i + " & <more>'")
                .collect(Collectors.joining("\n"));

        List<LayoutBlock> sections = SlackText.codeSections(script);

        assertThat(sections).hasSizeGreaterThan(1);
        assertThat(sections).allSatisfy(block -> {
            String text = ((SectionBlock) block).getText().getText();
            assertThat(text.length()).isLessThanOrEqualTo(SlackText.SECTION_LIMIT);
            assertThat(text).startsWith("```\n").endsWith("\n```").doesNotContain("<more>").contains("&lt;more&gt;");
        });
        String joined = sections.stream().map(b -> ((SectionBlock) b).getText().getText()
                .replace("```\n", "").replace("\n```", "")).collect(Collectors.joining("\n"));
        assertThat(joined).isEqualTo(SlackText.escape(script));
    }

    @Test
    void aLineLongerThanASectionIsSplitToo() {
        assertThat(SlackText.pieces("x".repeat(7000), 3000)).extracting(String::length).containsExactly(3000, 3000, 1000);
        assertThat(SlackText.pieces("", 3000)).containsExactly("");
    }

    @Test
    void aLongAnswerIsPackedIntoAtMostFiftyBlocks() {
        Reply.Builder plan = new Reply.Builder();
        for (int i = 0; i < 200; i++) {
            plan.line("Step " + i).code("powershell", ("Get-Service -Name 'S" + i + "'\n").repeat(30));
        }

        List<LayoutBlock> blocks = ReplyBlocks.blocks(plan.build(true));

        assertThat(blocks).hasSizeLessThanOrEqualTo(ReplyBlocks.BLOCK_LIMIT);
        assertThat(((SectionBlock) blocks.get(blocks.size() - 1)).getText().getText()).contains("does not fit");
        List<LayoutBlock> small = ReplyBlocks.blocks(new Reply.Builder().line("one").code("text", "two").line("three")
                .build(true));
        assertThat(small).hasSize(1);
        assertThat(((SectionBlock) small.get(0)).getText().getText()).isEqualTo("one\n```\ntwo\n```\nthree");
        assertThat(ReplyBlocks.text(Reply.error("Bad <thing>"))).isEqualTo("⚠️ Bad <thing>");
    }

    @Test
    void theFormHasASelectForHostsAndEnumsACheckboxForBooleansAndNoValueForSecrets() {
        List<Parameter> fields = List.of(
                new Parameter("server", ParameterType.HOST, "Where", true, null, null, null),
                new Parameter("scope", ParameterType.ENUM, null, true, null, null, List.of("all", "specific")),
                new Parameter("force", ParameterType.BOOLEAN, null, true, null, null, null),
                new Parameter("password", ParameterType.SECRET, "The PFX password", true, null, null, null));
        View view = StartForm.view(new Reply.Form("p", "A procedure", fields, Map.of("password", "given-secret")),
                List.of("ex-01", "ex-02"), "form-1");

        assertThat(view.getPrivateMetadata()).isEqualTo("form-1");
        assertThat(view.getTitle().getText().length()).isLessThanOrEqualTo(24);
        List<InputBlock> inputs = view.getBlocks().stream().filter(b -> b instanceof InputBlock).map(b -> (InputBlock) b)
                .toList();
        assertThat(inputs).extracting(InputBlock::getBlockId).containsExactly("server", "scope", "force", "password");
        assertThat(((StaticSelectElement) inputs.get(0).getElement()).getOptions()).extracting(o -> o.getValue())
                .containsExactly("ex-01", "ex-02");
        assertThat(((StaticSelectElement) inputs.get(1).getElement()).getOptions()).extracting(o -> o.getValue())
                .containsExactly("all", "specific");
        assertThat(inputs.get(2).getElement()).isInstanceOf(CheckboxesElement.class);
        assertThat(inputs.get(2).isOptional()).isTrue();
        assertThat(inputs.get(3).getHint().getText()).contains("never shown or stored");
        assertThat(view.toString()).doesNotContain("given-secret");
    }

    @Test
    void aSubmissionIsReadByFieldType() {
        ViewState.Value select = new ViewState.Value();
        select.setType("static_select");
        ViewState.SelectedOption chosen = new ViewState.SelectedOption();
        chosen.setValue("ex-02");
        select.setSelectedOption(chosen);
        ViewState.Value unticked = new ViewState.Value();
        unticked.setType("checkboxes");
        unticked.setSelectedOptions(List.of());
        ViewState.Value typed = new ViewState.Value();
        typed.setType("plain_text_input");
        typed.setValue(" p@ss word ");
        ViewState.Value empty = new ViewState.Value();
        empty.setType("plain_text_input");
        ViewState state = new ViewState();
        state.setValues(Map.of("server", Map.of("value", select), "force", Map.of("value", unticked),
                "password", Map.of("value", typed), "note", Map.of("value", empty)));

        assertThat(StartForm.values(state)).containsOnly(Map.entry("server", "ex-02"), Map.entry("force", "false"),
                Map.entry("password", " p@ss word "));
    }
}
