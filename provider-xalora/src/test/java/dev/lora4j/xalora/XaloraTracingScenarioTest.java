package dev.lora4j.xalora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskStatus;
import dev.lora4j.TextToImage;
import dev.lora4j.testkit.RecordedRequest;
import dev.lora4j.testkit.XaloraSimulator;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

/**
 * Trace propagation with Micrometer Tracing's OpenTelemetry bridge: a run under a parent span is
 * the span tree parent, {@code lora4j task}, its submit and polls, and every request the simulator
 * received carried a {@code traceparent} of that trace naming the attempt's span.
 */
class XaloraTracingScenarioTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aRunUnderAParentSpanIsOneTraceReachingTheProvider() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    ContextPropagators propagators = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
    io.opentelemetry.api.trace.Tracer otel = provider.get("lora4j-test");
    OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    OtelTracer tracer = new OtelTracer(otel, current, event -> {}, new OtelBaggageManager(current, List.of(), List.of()));
    OtelPropagator propagator = new OtelPropagator(propagators, otel);
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
        new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
        new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
        new DefaultTracingObservationHandler(tracer)));

    try (XaloraSimulator sim = XaloraSimulator.builder().queueTime(Duration.ofMillis(40))
            .runTime(Duration.ofMillis(60)).seed(7).build().start();
        TaskClient client = TaskClients.create(ClientOptions.builder().environment(Map.of())
            .systemProperties(new Properties()).provider("xalora")
            .apiKey(XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY)
            .baseUrl(sim.baseUrl()).pollInterval(Duration.ofMillis(30)).observationRegistry(registry).build())) {
      Observation parent = Observation.start("user.request", registry);
      assertThat(client.run(TextToImage.of("a red fox", "gecko"))
          .contextWrite(Context.of(ObservationThreadLocalAccessor.KEY, parent)).block(WAIT).status())
          .isEqualTo(TaskStatus.FINISHED);
      parent.stop();

      List<SpanData> finished = spans.getFinishedSpanItems();
      SpanData root = one(finished, "user.request");
      SpanData task = one(finished, "lora4j task");
      assertThat(task.getParentSpanId()).isEqualTo(root.getSpanId());
      List<SpanData> attempts = finished.stream()
          .filter(s -> s.getName().equals("lora4j submit") || s.getName().equals("lora4j poll")).toList();
      assertThat(attempts).extracting(SpanData::getName).contains("lora4j submit", "lora4j poll");
      assertThat(attempts).allSatisfy(s -> {
        assertThat(s.getTraceId()).isEqualTo(root.getTraceId());
        assertThat(s.getParentSpanId()).isEqualTo(task.getSpanId());
      });
      List<RecordedRequest> received = sim.requests();
      assertThat(received).hasSize(attempts.size()).allSatisfy(r ->
          assertThat(r.header("traceparent")).startsWith("00-" + root.getTraceId() + "-"));
      assertThat(received).extracting(r -> r.header("traceparent").split("-")[2])
          .containsExactlyInAnyOrderElementsOf(attempts.stream().map(SpanData::getSpanId).toList());
    }
  }

  private static SpanData one(List<SpanData> spans, String name) {
    List<SpanData> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as(name).hasSize(1);
    return named.get(0);
  }
}
