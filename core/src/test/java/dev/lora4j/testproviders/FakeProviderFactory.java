package dev.lora4j.testproviders;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.spi.ProviderContext;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import dev.lora4j.spi.TaskProvider;
import dev.lora4j.spi.TaskProviderFactory;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A test provider registered in {@code META-INF/services}: configured when {@code
 * <NAME>_API_KEY} is set; its tasks finish at the first poll.
 */
public abstract class FakeProviderFactory implements TaskProviderFactory {

  private final String name;
  private final ProviderDescription description;

  FakeProviderFactory(String name) {
    this.name = name;
    this.description = ProviderDescription.of(name, false,
        ProviderSetting.required(ClientOptions.API_KEY, name.toUpperCase(Locale.ROOT) + "_API_KEY", "the API key"));
  }

  @Override
  public ProviderDescription description() {
    return description;
  }

  @Override
  public TaskProvider create(ProviderContext context) {
    return new TaskProvider() {
      @Override
      public Mono<TaskHandle> submit(TaskRequest request) {
        return Mono.just(TaskHandle.of(name, "1"));
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
      public void close() {}
    };
  }

  /** The provider "alpha". */
  public static final class Alpha extends FakeProviderFactory {
    /** Creates the factory. */
    public Alpha() {
      super("alpha");
    }
  }

  /** The provider "beta". */
  public static final class Beta extends FakeProviderFactory {
    /** Creates the factory. */
    public Beta() {
      super("beta");
    }
  }

  /** A provider whose jar is broken: its constructor fails. */
  public static final class Broken extends FakeProviderFactory {
    /** Always fails. */
    public Broken() {
      super("broken");
      throw new IllegalStateException("broken on purpose");
    }
  }
}
