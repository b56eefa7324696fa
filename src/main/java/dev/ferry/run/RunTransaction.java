package dev.ferry.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One unit of work on one run, the way every transition is made: the run's lock is held throughout; what is
 * read under it decides the change, whose writes go into one transaction; the events the change collected are
 * published, and the scripts it committed as running are started, only once that transaction has committed.
 * Publishing under the lock gives a run's events to adapters in the order of its commits. A change that throws
 * is rolled back and shows nothing.
 */
final class RunTransaction {

    private static final int LOCK_STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final TransactionTemplate tx;
    private final Consumer<List<RunEvent>> publish;
    private final Starter starter;

    /** Starts a script whose step was committed as executing, in the run as it stands after the commit. */
    @FunctionalInterface
    interface Starter {
        void start(RunSnapshot after, StepRecord executing);
    }

    RunTransaction(TransactionTemplate tx, Consumer<List<RunEvent>> publish, Starter starter) {
        this.tx = tx;
        this.publish = publish;
        this.starter = starter;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Runs {@code change} on the run {@code runId} under its lock. */
    <T> T on(String runId, Function<Unit, T> change) {
        ReentrantLock lock = locks[Math.floorMod(runId.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            return run(change);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code change} that creates a run: nobody can reach the new run before it commits, so no lock. */
    <T> T creating(Function<Unit, T> change) {
        return run(change);
    }

    private <T> T run(Function<Unit, T> change) {
        Unit unit = new Unit();
        T result = change.apply(unit);
        unit.committed.forEach(Runnable::run);
        publish.accept(unit.events);
        unit.scripts.forEach(script -> starter.start(unit.after, script));
        return result;
    }

    /** What one change writes and collects. */
    final class Unit {
        private final List<RunEvent> events = new ArrayList<>();
        private final List<StepRecord> scripts = new ArrayList<>();
        private final List<Runnable> committed = new ArrayList<>();
        private boolean written;
        private RunSnapshot after;

        /** The change's writes, in the one transaction of this unit. */
        <T> T write(Supplier<T> writes) {
            if (written) {
                throw new IllegalStateException("a change to a run writes in one transaction");
            }
            written = true;
            return tx.execute(status -> writes.get());
        }

        /** Shows {@code event} once the change committed. */
        void show(RunEvent event) {
            events.add(event);
        }

        /** Shows {@code event} before every other event of this change. */
        void showFirst(RunEvent event) {
            events.add(0, event);
        }

        /** Starts the script of {@code executing}, committed as such, once the change committed. */
        void execute(StepRecord executing) {
            scripts.add(executing);
        }

        /** Starts the script of {@code executing} before the others of this change. */
        void executeFirst(StepRecord executing) {
            scripts.add(0, executing);
        }

        /** The run as this change leaves it: the scripts it started see this. */
        void after(RunSnapshot snapshot) {
            this.after = snapshot;
        }

        /** Does {@code work} (memory only: secrets, caches) once the change committed, before anything is shown. */
        void onCommit(Runnable work) {
            committed.add(work);
        }
    }
}
