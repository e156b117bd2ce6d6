package dev.lora4j.webflux;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code demo.simulator.*} properties: whether and how the embedded simulator runs when the
 * chosen provider has no credentials.
 *
 * @param enabled whether to start the simulator at all; when {@code false} and no credentials are
 *     set, start-up fails with the starter's message naming what to set
 * @param queueTime how long each simulated task waits in the queue
 * @param runTime how long each simulated task runs
 * @param pollInterval the client's poll interval against the simulator, unless {@code
 *     lora4j.poll-interval} (or its fallbacks) sets one
 */
@ConfigurationProperties("demo.simulator")
public record SimulatorProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("800ms") Duration queueTime,
    @DefaultValue("2500ms") Duration runTime,
    @DefaultValue("250ms") Duration pollInterval) {}
