package dev.lora4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ProviderFacadesTest {

  private static final ProviderSetting<String> KEY =
      ProviderSetting.required(ClientOptions.API_KEY, "FACADE_API_KEY", "the API key");

  /** A provider whose tasks finish at once; counts its closes. */
  static final class CountingProvider implements TaskProvider {
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public Mono<TaskHandle> submit(TaskRequest request) {
      return Mono.just(TaskHandle.of("facade", "t1"));
    }

    @Override
    public Mono<TaskUpdate> fetch(TaskHandle handle) {
      return Mono.just(TaskUpdate.builder(handle, TaskStatus.FINISHED).build());
    }

    @Override
    public Mono<Void> cancel(TaskHandle handle, @Nullable TaskUpdate lastKnown) {
      return Mono.empty();
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  /** The factory of {@link CountingProvider}; remembers the last one it made. */
  static final class Factory implements TaskProviderFactory {
    final ProviderDescription description = ProviderDescription.of("facade", false, KEY);
    @Nullable CountingProvider made;

    @Override
    public ProviderDescription description() {
      return description;
    }

    @Override
    public TaskProvider create(ProviderContext context) {
      context.require(KEY);
      made = new CountingProvider();
      return made;
    }
  }

  /** A facade with an operation of its own. */
  static final class Facade extends ProviderFacade {
    private final CountingProvider provider;

    Facade(ProviderFacades.Facade<CountingProvider> opened) {
      super(opened.taskClient());
      this.provider = opened.provider();
    }

    int closes() {
      return provider.closed.get();
    }
  }

  private static ClientOptions options(Map<String, String> env) {
    return ClientOptions.builder().environment(env).systemProperties(new Properties()).build();
  }

  @Test
  void opensTheProviderWithItsFactoryAndClosesItWithTheClient() {
    Factory factory = new Factory();
    Facade facade = new Facade(ProviderFacades.open(factory, CountingProvider.class, options(Map.of("FACADE_API_KEY", "k"))));
    TaskClient client = facade.taskClient();

    assertThat(client.provider()).isEqualTo("facade");
    assertThat(client.status(TaskHandle.of("facade", "t1")).block(Duration.ofSeconds(5)).status())
        .isEqualTo(TaskStatus.FINISHED);
    assertThat(facade.closes()).isZero();
    facade.close();
    assertThat(facade.closes()).isEqualTo(1);
    assertThat(factory.made).isNotNull();
  }

  @Test
  void signalsTheFactorysRefusalNamingTheSetting() {
    assertThatThrownBy(() -> ProviderFacades.open(new Factory(), CountingProvider.class, options(Map.of())))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("FACADE_API_KEY");
  }

  @Test
  void closesAProviderOfAnotherClassAndNamesBothClasses() {
    Factory factory = new Factory();
    assertThatThrownBy(() -> ProviderFacades.open(factory, HttpTaskProvider.class, options(Map.of("FACADE_API_KEY", "k"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(CountingProvider.class.getName())
        .hasMessageContaining(HttpTaskProvider.class.getName());
    assertThat(factory.made.closed).hasValue(1);
  }
}
