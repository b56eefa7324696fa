package dev.ferry.run;

/**
 * A chat adapter's side of the engine: it renders events into the run's thread. A listener that fails
 * (its platform is down) costs only the message: the state is committed and {@code resume} posts it again.
 */
@FunctionalInterface
public interface RunEventListener {

    void on(RunEvent event);
}
