package dev.lora4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.ClientOptions;
import dev.lora4j.ProviderNotFoundException;
import dev.lora4j.spi.TaskProviderFactory;
import dev.lora4j.testproviders.FakeProviderFactory;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
        .hasMessageContaining("lora4j-provider-xalora");
  }

  @Test
  void keepsTheFirstOfTwoProvidersWithTheSameName() {
    FakeProviderFactory.Alpha first = new FakeProviderFactory.Alpha();
    ProviderRegistry registry = ProviderRegistry.load(List.<TaskProviderFactory>of(first, new FakeProviderFactory.Alpha()));
    assertThat(registry.names()).containsExactly("alpha");
    assertThat(registry.find("ALPHA")).containsSame(first);
  }
}
