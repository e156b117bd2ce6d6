package dev.lora4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.ClientOptions;
import dev.lora4j.ProviderNotFoundException;
import dev.lora4j.spi.ProviderContext;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.TaskProvider;
import dev.lora4j.spi.TaskProviderFactory;
import dev.lora4j.testproviders.FakeProviderFactory;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

  private static final ClientOptions NOTHING_SET =
      ClientOptions.builder().environment(Map.of()).systemProperties(new Properties()).build();

  @Test
  void choosesTheOnlyProviderOnTheClassPathEvenWithoutCredentials() {
    ProviderRegistry registry = ProviderRegistry.load(List.<TaskProviderFactory>of(new FakeProviderFactory.Alpha()));
    ProviderRegistry.Selection s = registry.select(NOTHING_SET);
    assertThat(s.factory().name()).isEqualTo("alpha");
    assertThat(s.reason()).isEqualTo("the only provider on the class path");
  }

  @Test
  void explainsHowToAddAProviderWhenThereIsNone() {
    ProviderRegistry registry = ProviderRegistry.load(List.of());
    assertThatThrownBy(() -> registry.select(NOTHING_SET))
        .isInstanceOf(ProviderNotFoundException.class)
        .hasMessageContaining("no lora4j provider is on the class path")
        .hasMessageContaining("Add a lora4j provider jar to the class path")
        .hasMessageNotContaining("xalora");
  }

  @Test
  void keepsTheFirstOfTwoProvidersWithTheSameName() {
    FakeProviderFactory.Alpha first = new FakeProviderFactory.Alpha();
    ProviderRegistry registry = ProviderRegistry.load(List.<TaskProviderFactory>of(first, new FakeProviderFactory.Alpha()));
    assertThat(registry.names()).containsExactly("alpha");
    assertThat(registry.find("ALPHA")).containsSame(first);
  }

  @Test
  void discoversTheInstalledProvidersOncePerProcess() {
    ProviderRegistry first = ProviderRegistry.installed();

    assertThat(ProviderRegistry.installed()).isSameAs(first);
    assertThat(first.names()).containsExactly("alpha", "beta");
    assertThat(first.descriptions()).extracting(ProviderDescription::name).containsExactly("alpha", "beta");
  }

  @Test
  void asksEachFactoryForItsDescriptionOnceAndSkipsOneThatCannotDescribeItself() {
    AtomicInteger asked = new AtomicInteger();
    TaskProviderFactory alpha = new FakeProviderFactory.Alpha();
    TaskProviderFactory counted = new TaskProviderFactory() {
      @Override
      public ProviderDescription description() {
        asked.incrementAndGet();
        return alpha.description();
      }

      @Override
      public TaskProvider create(ProviderContext context) {
        return alpha.create(context);
      }
    };
    TaskProviderFactory broken = new TaskProviderFactory() {
      @Override
      public ProviderDescription description() {
        throw new IllegalStateException("no description on purpose");
      }

      @Override
      public TaskProvider create(ProviderContext context) {
        throw new AssertionError("never created");
      }
    };

    ProviderRegistry registry = ProviderRegistry.load(List.of(counted, broken));
    registry.select(NOTHING_SET);
    registry.select(NOTHING_SET);

    assertThat(registry.names()).containsExactly("alpha");
    assertThat(asked).hasValue(1);
  }

  @Test
  void aNamedProviderThatIsMissingIsReportedWithoutNamingAnyProviderJar() {
    ProviderRegistry registry = ProviderRegistry.load(List.<TaskProviderFactory>of(new FakeProviderFactory.Alpha()));
    assertThatThrownBy(() -> registry.select(NOTHING_SET.mutate().provider("wiro").build()))
        .isInstanceOf(ProviderNotFoundException.class)
        .hasMessage("provider 'wiro' (named by option provider) is not on the class path; providers found: alpha."
            + " Add a lora4j provider jar to the class path");
  }

  @Test
  void choosesTheOnlyConfiguredProviderByItsDescribedSettings() {
    ProviderRegistry registry = ProviderRegistry.load(
        List.<TaskProviderFactory>of(new FakeProviderFactory.Alpha(), new FakeProviderFactory.Beta()));
    ProviderRegistry.Selection s = registry.select(NOTHING_SET.mutate().environment(Map.of("BETA_API_KEY", "k")).build());

    assertThat(s.description().name()).isEqualTo("beta");
    assertThat(s.reason()).isEqualTo("the only provider whose credentials are configured");
  }
}
