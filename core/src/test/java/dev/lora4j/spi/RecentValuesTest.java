package dev.lora4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentValuesTest {

  @Test
  void forgetsTheLeastRecentlyUsedKeyBeyondItsCapacity() {
    RecentValues<String, Integer> recent = new RecentValues<>(2);
    recent.put("a", 1);
    recent.put("b", 2);
    assertThat(recent.get("a")).as("reading a makes b the least recently used").isEqualTo(1);

    recent.put("c", 3);

    assertThat(recent.get("b")).isNull();
    assertThat(recent.get("a")).isEqualTo(1);
    assertThat(recent.get("c")).isEqualTo(3);
    assertThat(recent.size()).isEqualTo(2);
    assertThatThrownBy(() -> new RecentValues<String, Integer>(0)).hasMessage("capacity must be at least 1, was 0");
  }
}
