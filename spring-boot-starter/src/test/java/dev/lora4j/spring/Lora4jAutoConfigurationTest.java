package dev.lora4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskStatus;
import dev.lora4j.TextToImage;
import dev.lora4j.testkit.XaloraSimulator;
import dev.lora4j.wiro.WiroProviderFactory;
import dev.lora4j.xalora.XaloraProviderFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The auto-configuration in an {@link ApplicationContextRunner}, its clients talking to a Xalora
 * simulator over loopback.
 */
class Lora4jAutoConfigurationTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  static final String KEY = XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY;

  private static XaloraSimulator sim;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(Lora4jAutoConfiguration.class, Lora4jHealthAutoConfiguration.class));

  @BeforeAll
  static void startSimulator() {
    sim = XaloraSimulator.builder().queueTime(Duration.ofMillis(40)).runTime(Duration.ofMillis(60)).seed(5)
        .build().start();
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  static String[] simulatorProperties() {
    return new String[] {
      "lora4j.provider=xalora", "lora4j.api-key=" + KEY, "lora4j.base-url=" + sim.baseUrl(),
      "lora4j.poll-interval=30ms"
    };
  }

  static TaskStatus generate(TaskClient client) {
    TaskHandle handle = client.submit(TextToImage.of("a red fox", "gecko")).block(WAIT);
    return client.await(handle).block(WAIT).status();
  }

  @Test
  void aClientIsCreatedFromThePropertiesAndClosedWithTheContext() {
    List<TaskClient> seen = new ArrayList<>();
    runner.withPropertyValues(simulatorProperties()).run(context -> {
      assertThat(context).hasSingleBean(TaskClient.class).hasSingleBean(Lora4jProperties.class);
      TaskClient client = context.getBean(TaskClient.class);
      assertThat(client.provider()).isEqualTo("xalora");
      assertThat(generate(client)).isEqualTo(TaskStatus.FINISHED);
      seen.add(client);
    });
    assertThatThrownBy(() -> seen.get(0).submit(TextToImage.of("after close", "gecko")).block(WAIT))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anUnsetPropertyFallsBackToItsSystemProperty() {
    runner.withPropertyValues("lora4j.provider=xalora", "lora4j.base-url=" + sim.baseUrl(), "lora4j.poll-interval=30ms")
        .withSystemProperties("lora4j.apiKey=" + KEY)
        .run(context -> assertThat(generate(context.getBean(TaskClient.class))).isEqualTo(TaskStatus.FINISHED));
  }

  @Test
  void theApplicationsOwnClientWins() {
    runner.withPropertyValues(simulatorProperties()).withUserConfiguration(OwnClient.class).run(context -> {
      assertThat(context).hasSingleBean(TaskClient.class);
      assertThat(context.getBean(TaskClient.class)).isSameAs(context.getBean("ownClient"));
    });
  }

  @Test
  void customizersAreAppliedInOrderAfterTheProperties() {
    runner.withPropertyValues("lora4j.provider=xalora", "lora4j.api-key=" + KEY,
            "lora4j.base-url=http://127.0.0.1:9/not-the-simulator", "lora4j.poll-interval=30ms")
        .withUserConfiguration(Customizers.class)
        .run(context -> {
          assertThat(generate(context.getBean(TaskClient.class))).isEqualTo(TaskStatus.FINISHED);
          assertThat(context.getBean(Customizers.class).order).containsExactly("first", "second");
        });
  }

  @Test
  void theClientIsClosedBeforeWhatItsCustomizersUse() {
    List<String> closing = new ArrayList<>();
    runner.withPropertyValues("lora4j.provider=xalora", "lora4j.api-key=" + KEY, "lora4j.poll-interval=30ms")
        .withUserConfiguration(CustomizerWithResource.class)
        .withBean("closing", List.class, () -> closing)
        .run(context -> {
          assertThat(generate(context.getBean(TaskClient.class))).isEqualTo(TaskStatus.FINISHED);
          assertThat(context.getBeanFactory().getBeanDefinition(Lora4jAutoConfiguration.CLIENT_BEAN).getDependsOn())
              .as("declared, so that it holds whatever order the beans are created in").contains("pointAtSimulator");
        });
    assertThat(closing).containsExactly("resource closed after the client");
  }

  @Test
  void aBadValueFailsStartUpNamingTheProperty() {
    badValue("lora4j.poll-interval=-1s", "lora4j.poll-interval", "PT-1S");
    badValue("lora4j.poll-interval=soon", "lora4j.poll-interval", "soon");
    badValue("lora4j.base-url=ftp://files.example", "lora4j.base-url", "ftp://files.example");
    badValue("lora4j.max-connections=0", "lora4j.max-connections", "0");
    badValue("lora4j.request-budget=-3", "lora4j.request-budget", "-3");
    badValue("lora4j.provider=nope", "lora4j.provider", "nope");
    badValue("lora4j.wiro.tracking=sometimes", "lora4j.wiro.tracking", "sometimes");
    badValue("lora4j.options.nope=1", "lora4j.options.nope", "nope");
    badValue("lora4j.options.wiro.socket-url=http://not-a-socket", "lora4j.options.wiro.socket-url", "not-a-socket");
    badValue("lora4j.health.failure-threshold=0", "lora4j.health.failure-threshold", "0");
  }

  @Test
  void aBadCredentialFailsStartUpNamingThePropertyButNotTheValue() {
    runner.withPropertyValues("lora4j.provider=xalora", "lora4j.api-key=canary4411#").run(context -> {
      assertThat(context).hasFailed();
      Throwable failure = context.getStartupFailure();
      assertThat(rootOrInvalid(failure)).isInstanceOf(InvalidConfigurationPropertyValueException.class)
          .hasMessageContaining("lora4j.api-key");
      assertThat(messages(failure)).doesNotContain("canary4411");
    });
  }

  @Test
  void missingCredentialsFailStartUpSayingWhatToSet() {
    runner.withPropertyValues("lora4j.provider=xalora").run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure())).contains("XALORA_API_KEY");
      org.springframework.boot.diagnostics.FailureAnalysis analysis =
          new Lora4jFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis).as("Spring Boot prints this at start-up").isNotNull();
      assertThat(analysis.getDescription()).startsWith("lora4j could not create its TaskClient").contains("XALORA_API_KEY");
      assertThat(analysis.getAction()).contains("lora4j.api-key");
    });
    assertThat(org.springframework.core.io.support.SpringFactoriesLoader.forDefaultResourceLocation()
            .load(org.springframework.boot.diagnostics.FailureAnalyzer.class, null,
                (type, name, failure) -> {})) // others need constructor arguments; only ours matters here
        .as("registered in META-INF/spring.factories").anyMatch(a -> a instanceof Lora4jFailureAnalyzer);
  }

  @Test
  void nothingIsCreatedWithoutAProviderOnTheClassPath() {
    runner.withPropertyValues(simulatorProperties())
        .withClassLoader(new FilteredClassLoader(XaloraProviderFactory.class, WiroProviderFactory.class))
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(TaskClient.class);
        });
  }

  @Test
  void nothingIsCreatedWhenDisabled() {
    runner.withPropertyValues(simulatorProperties()).withPropertyValues("lora4j.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TaskClient.class));
  }

  @Test
  void theApplicationsRegistriesReceiveTheClientsObservationsAndMeters() {
    runner.withPropertyValues(simulatorProperties()).withUserConfiguration(Registries.class).run(context -> {
      assertThat(generate(context.getBean(TaskClient.class))).isEqualTo(TaskStatus.FINISHED);
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      assertThat(meters.find("lora4j.polls").counter()).isNotNull();
      assertThat(meters.find("lora4j.polls").counter().count()).isPositive();
      assertThat(meters.find("lora4j.submit").timer()).as("the observation lora4j.submit, timed").isNotNull();
      assertThat(meters.find("lora4j.http.client.response.time").timer()).isNull();
    });
  }

  @Test
  void observabilityPropertiesTurnPartsOnAndOff() {
    runner.withPropertyValues(simulatorProperties())
        .withPropertyValues("lora4j.observability.observations=false", "lora4j.observability.http-client-metrics=true")
        .withUserConfiguration(Registries.class).run(context -> {
          assertThat(generate(context.getBean(TaskClient.class))).isEqualTo(TaskStatus.FINISHED);
          MeterRegistry meters = context.getBean(MeterRegistry.class);
          assertThat(meters.find("lora4j.submit").timer()).isNull();
          assertThat(meters.find("lora4j.polls").counter()).isNotNull();
          assertThat(meters.find("lora4j.http.client.response.time").timers()).isNotEmpty();
        });
    runner.withPropertyValues(simulatorProperties()).withPropertyValues("lora4j.observability.metrics=false")
        .withUserConfiguration(Registries.class).run(context -> {
          assertThat(generate(context.getBean(TaskClient.class))).isEqualTo(TaskStatus.FINISHED);
          assertThat(context.getBean(MeterRegistry.class).find("lora4j.polls").counter()).isNull();
        });
  }

  @Test
  void withoutMicrometerOnTheClassPathTheClientStillWorks() {
    runner.withPropertyValues(simulatorProperties())
        .withClassLoader(new FilteredClassLoader("io.micrometer"))
        .run(context -> assertThat(generate(context.getBean(TaskClient.class))).isEqualTo(TaskStatus.FINISHED));
  }

  @Test
  void withoutActuatorOnTheClassPathTheClientStillWorks() {
    runner.withPropertyValues(simulatorProperties())
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
        .run(context -> {
          assertThat(context).doesNotHaveBean("lora4jCredentialsSanitizer");
          assertThat(generate(context.getBean(TaskClient.class))).isEqualTo(TaskStatus.FINISHED);
        });
  }

  private void badValue(String property, String name, String shown) {
    runner.withPropertyValues(simulatorProperties()).withPropertyValues(property).run(context -> {
      assertThat(context).as(property).hasFailed();
      assertThat(messages(context.getStartupFailure())).as(property).contains(name).contains(shown);
    });
  }

  /** The messages of a failure and its causes, as Spring Boot prints them at start-up. */
  static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
  }

  private static Throwable rootOrInvalid(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidConfigurationPropertyValueException) {
        return t;
      }
    }
    return failure;
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    @Bean(destroyMethod = "close")
    TaskClient ownClient() {
      return dev.lora4j.TaskClients.create(dev.lora4j.ClientOptions.builder().provider("xalora").apiKey(KEY)
          .baseUrl(sim.baseUrl()).build());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    final List<String> order = new ArrayList<>();

    @Bean
    @Order(2)
    ClientOptionsCustomizer second() {
      return builder -> {
        order.add("second");
        builder.baseUrl(sim.baseUrl());
      };
    }

    @Bean
    @Order(1)
    ClientOptionsCustomizer first() {
      return builder -> {
        order.add("first");
        builder.baseUrl("http://127.0.0.1:9/still-not-the-simulator");
      };
    }
  }

  /** A resource a customizer points the client at; on close, it checks the client is closed already. */
  static final class Resource implements AutoCloseable {
    private final org.springframework.beans.factory.ObjectProvider<TaskClient> client;
    private final List<String> closing;

    Resource(org.springframework.beans.factory.ObjectProvider<TaskClient> client, List<String> closing) {
      this.client = client;
      this.closing = closing;
    }

    @Override
    public void close() {
      try {
        client.getObject().submit(TextToImage.of("after close", "gecko")).block(WAIT);
        closing.add("resource closed while the client was open");
      } catch (IllegalStateException e) {
        closing.add("resource closed after the client");
      }
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class CustomizerWithResource {
    @Bean(destroyMethod = "close")
    @SuppressWarnings("unchecked")
    Resource resource(org.springframework.beans.factory.ObjectProvider<TaskClient> client,
        org.springframework.context.ApplicationContext context) {
      return new Resource(client, (List<String>) context.getBean("closing", List.class));
    }

    @Bean
    ClientOptionsCustomizer pointAtSimulator(Resource resource) {
      return builder -> builder.baseUrl(sim.baseUrl());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registries {
    @Bean
    SimpleMeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    ObservationRegistry observationRegistry(MeterRegistry meters) {
      ObservationRegistry registry = ObservationRegistry.create();
      registry.observationConfig().observationHandler(
          new io.micrometer.core.instrument.observation.DefaultMeterObservationHandler(meters));
      return registry;
    }
  }
}
