package dev.lora4j.spring;

import static dev.lora4j.spring.Lora4jAutoConfigurationTest.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskStatus;
import dev.lora4j.TextToImage;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/** The health indicator and the sanitizing of Actuator's endpoints, against a Xalora simulator. */
class Lora4jActuatorTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SECRET_CANARY = "canary-secret-7310";

  private static XaloraSimulator sim;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(Lora4jAutoConfiguration.class, Lora4jHealthAutoConfiguration.class));

  @BeforeAll
  static void startSimulator() {
    sim = XaloraSimulator.builder().queueTime(Duration.ofMillis(40)).runTime(Duration.ofMillis(60)).seed(9)
        .build().start();
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  private static String[] properties(String key) {
    return new String[] {
      "lora4j.provider=xalora", "lora4j.api-key=" + key, "lora4j.base-url=" + sim.baseUrl(), "lora4j.poll-interval=30ms"
    };
  }

  @Test
  void healthReportsTheClientsOwnCallsAndSendsNothing() {
    runner.withPropertyValues(properties(KEY)).run(context -> {
      Lora4jHealthIndicator indicator = context.getBean("lora4jHealthIndicator", Lora4jHealthIndicator.class);
      int before = sim.requests().size();
      Health fresh = indicator.health();
      assertThat(fresh.getStatus()).isEqualTo(Status.UP);
      assertThat(fresh.getDetails()).containsEntry("provider", "xalora").containsEntry("configured", true)
          .containsEntry("calls", 0L);
      for (int i = 0; i < 20; i++) {
        indicator.health();
      }
      assertThat(sim.requests()).as("health probes send nothing").hasSize(before);

      TaskClient client = context.getBean(TaskClient.class);
      assertThat(client.run(TextToImage.of("a red fox", "gecko")).block(WAIT).status()).isEqualTo(TaskStatus.FINISHED);
      Health after = indicator.health();
      assertThat(after.getStatus()).isEqualTo(Status.UP);
      assertThat((Long) after.getDetails().get("calls")).isEqualTo(sim.requests().size() - before);
      assertThat(after.getDetails()).containsKey("lastSuccess").containsEntry("consecutiveFailures", 0L)
          .doesNotContainKey("lastFailure");
    });
  }

  @Test
  void rejectedCredentialsMakeItDownWithoutShowingThem() {
    String wrong = XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + SECRET_CANARY;
    runner.withPropertyValues(properties(wrong)).run(context -> {
      TaskClient client = context.getBean(TaskClient.class);
      client.submit(TextToImage.of("a red fox", "gecko")).onErrorResume(e -> reactor.core.publisher.Mono.empty())
          .block(WAIT);
      Health health = context.getBean(Lora4jHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      @SuppressWarnings("unchecked")
      Map<String, Object> last = (Map<String, Object>) health.getDetails().get("lastFailure");
      assertThat(last).containsEntry("call", XaloraSimulator.TASK_CREATE).containsEntry("status", 401)
          .containsEntry("error", "AuthenticationException");
      assertThat(health.toString()).doesNotContain(SECRET_CANARY);
    });
  }

  @Test
  void aStreakOfServerErrorsMakesItDownAndOneSuccessUpAgain() {
    runner.withPropertyValues(properties(KEY)).withPropertyValues("lora4j.health.failure-threshold=2").run(context -> {
      RecentCalls calls = context.getBean(RecentCalls.class);
      Lora4jHealthIndicator indicator = context.getBean(Lora4jHealthIndicator.class);
      var unavailable = new dev.lora4j.ProviderUnavailableException("xalora task_result_query answered 503", 503, null);
      calls.completed(new dev.lora4j.CallOutcome("xalora", "task_result_query", 503, Duration.ofMillis(3), unavailable));
      assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
      calls.completed(new dev.lora4j.CallOutcome("xalora", "task_result_query", 503, Duration.ofMillis(3), unavailable));
      assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
      calls.completed(new dev.lora4j.CallOutcome("xalora", "task_result_query", 200, Duration.ofMillis(3), null));
      assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    });
  }

  @Test
  void healthCanBeTurnedOffAndIsAbsentWithoutSpringBootHealth() {
    runner.withPropertyValues(properties(KEY)).withPropertyValues("management.health.lora4j.enabled=false")
        .run(context -> assertThat(context).hasSingleBean(TaskClient.class).doesNotHaveBean(Lora4jHealthIndicator.class));
    runner.withPropertyValues(properties(KEY))
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
        .run(context -> assertThat(context).hasSingleBean(TaskClient.class).doesNotHaveBean(Lora4jHealthIndicator.class));
  }

  @Test
  void actuatorShowsNoCredentialEvenWithShowValuesAlways() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Lora4jAutoConfiguration.class, Lora4jHealthAutoConfiguration.class, EndpointAutoConfiguration.class,
            ConfigurationPropertiesReportEndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class))
        .withPropertyValues(properties(XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + SECRET_CANARY + "-key"))
        .withPropertyValues("lora4j.api-secret=" + SECRET_CANARY + "-secret", "lora4j.proxy.password=" + SECRET_CANARY
            + "-proxy", "lora4j.proxy.username=someone", "lora4j.non-proxy-hosts=127.0.0.1,localhost",
            "management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
            "management.endpoints.web.exposure.include=*", "management.endpoints.jmx.exposure.include=*")
        .withSystemProperties("XALORA_API_KEY=sim-consumer#" + SECRET_CANARY + "-env",
            "lora4j.apiSecret=" + SECRET_CANARY + "-sysprop")
        .run(context -> {
          JsonMapper json = JsonMapper.builder().build();
          String configprops = json.writeValueAsString(
              context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
          String env = json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
          assertThat(configprops).as("values are shown").contains(sim.baseUrl().toString()).contains("someone");
          assertThat(env).as("values are shown").contains(sim.baseUrl().toString()).contains("someone");
          assertThat(configprops).doesNotContain(SECRET_CANARY);
          assertThat(env).doesNotContain(SECRET_CANARY);
        });
  }
}
