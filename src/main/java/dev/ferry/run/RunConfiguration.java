package dev.ferry.run;

import dev.ferry.access.AccessPolicy;
import dev.ferry.access.AuditTrail;
import dev.ferry.connector.Connectors;
import dev.ferry.connector.HostInventory;
import dev.ferry.procedure.Approval;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.procedure.Step;
import dev.ferry.procedure.StepKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;

@Configuration(proxyBeanMethods = false)
class RunConfiguration {

    /** Every commit on disk before it is shown, on H2 too ({@link DurableCommits}). */
    @Bean
    static DurableCommits durableCommits() {
        return new DurableCommits();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RunRepository runRepository(JdbcClient jdbc) {
        return new RunRepository(jdbc);
    }

    /** Step scripts run here; shut down with interrupts so a stopping Ferry leaves steps "executing". */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService stepWorkers(EngineSettings settings) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "ferry-step-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(settings.workers(), threads);
    }

    @Bean
    StepRunner stepRunner(Connectors connectors, HostInventory inventory, ExecutorService stepWorkers, Clock clock) {
        return new StepRunner(connectors, inventory, stepWorkers, clock);
    }

    @Bean
    ScriptRenderer scriptRenderer(StepRunner stepRunner) {
        return stepRunner.renderer();
    }

    /** A step waits for an approval when it is marked on-call, or when its procedure wants every script approved. */
    @Bean
    ApprovalRule approvalRule(AccessPolicy access) {
        return new ApprovalRule() {
            @Override
            public boolean required(Procedure procedure, Step step) {
                return step.approval() == Approval.ON_CALL
                        || (step.kind() == StepKind.POWERSHELL && access.approveEveryScript(procedure.id()));
            }

            @Override
            public Duration expiry() {
                return access.approvalExpiry();
            }
        };
    }

    @Bean
    RunEngine runEngine(RunRepository runs, ProcedureCatalog catalog, StepRunner stepRunner, ApprovalRule approvals,
                        AuditTrail audit, PlatformTransactionManager transactions, Clock clock) {
        return new RunEngine(runs, catalog, stepRunner, approvals, audit, new TransactionTemplate(transactions), clock);
    }

    @Bean
    Recovery recovery(RunEngine engine) {
        return new Recovery(engine);
    }

    /** Runs before any chat adapter starts taking commands. */
    static final class Recovery {
        private final RunEngine engine;

        Recovery(RunEngine engine) {
            this.engine = engine;
        }

        @EventListener(ApplicationReadyEvent.class)
        @Order(Ordered.HIGHEST_PRECEDENCE)
        void recover() {
            engine.recover();
        }
    }

    /** @param workers how many step scripts may run at once */
    @Validated
    @ConfigurationProperties("ferry.engine")
    record EngineSettings(@DefaultValue("16") @Min(1) @Max(256) int workers) {
    }
}
