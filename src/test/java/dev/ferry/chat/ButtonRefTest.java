package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ButtonRefTest {

    @Test
    void aValueFerryWritesReadsBackAsTheSameReference() {
        ButtonRef ref = new ButtonRef("R3", "stop-service", 2);

        assertThat(ref.toString()).isEqualTo("R3:stop-service:2");
        assertThat(ButtonRef.parse(ref.toString())).contains(ref);
        assertThat(ButtonRef.parse("R123456789012345678:" + "a".repeat(128) + ":999999999"))
                .contains(new ButtonRef("R123456789012345678", "a".repeat(128), 999_999_999));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "R3:stop-service", "R3:stop-service:2:", "R3:stop-service:2:1",
            "r3:stop-service:2", "R:stop-service:2", "R1234567890123456789:stop-service:2", "R3:Stop-Service:2",
            "R3:stop--service:2", "R3::2", "R3:stop-service:", "R3:stop-service:-1", "R3:stop-service:1234567890",
            "R3:#4:1", " R3:stop-service:2"})
    void aValueFerryDoesNotWriteIsNoReference(String value) {
        assertThat(ButtonRef.parse(value)).isEmpty();
    }

    @Test
    void nothingIsNoReference() {
        assertThat(ButtonRef.parse(null)).isEmpty();
    }

    @Test
    void aStepIdLongerThanItsAuditColumnIsNoReference() {
        assertThat(ButtonRef.parse("R3:" + "a".repeat(129) + ":1")).isEmpty();
    }
}
