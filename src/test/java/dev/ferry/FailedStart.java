package dev.ferry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Starts Ferry with arguments that must stop it, and returns what it printed: for start-up failure tests. */
public final class FailedStart {

    private FailedStart() {
    }

    public static String printedBy(String... args) {
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--ferry.console.enabled=false";
        all[args.length + 1] = "--spring.datasource.url=jdbc:h2:mem:startup-failure";
        all[args.length + 2] = "--logging.file.name=";
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> new SpringApplicationBuilder(FerryApplication.class)
                    .properties("logging.threshold.console=error").run(all)).isInstanceOf(Exception.class);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
