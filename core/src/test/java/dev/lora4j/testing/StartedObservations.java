package dev.lora4j.testing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records every observation started on a registry, for the observation tests of each provider. */
public final class StartedObservations {

  private StartedObservations() {}

  /**
   * Registers a handler on {@code registry} that keeps the context of every observation started.
   *
   * @param registry the registry the client under test is given
   * @return the contexts, in the order their observations started; the test may clear it
   */
  public static Queue<Observation.Context> recordOn(ObservationRegistry registry) {
    Queue<Observation.Context> started = new ConcurrentLinkedQueue<>();
    registry.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onStart(Observation.Context context) {
        started.add(context);
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    return started;
  }
}
