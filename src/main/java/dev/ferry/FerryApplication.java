package dev.ferry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FerryApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(FerryApplication.class, args);
        } catch (RuntimeException e) {
            // Already told on the terminal (dev.ferry.startup.FailureBlockReporter) and in the log file. Exit now,
            // with a failure, even if a library left a thread running.
            System.exit(1);
        }
    }
}
