package dev.lora4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatchOptionsTest {

  @Test
  void defaultsLeaveIntervalAndTimeoutToTheClientAndCancelOnlyOnTimeout() {
    WatchOptions d = WatchOptions.defaults();
    assertThat(d.interval()).isEmpty();
    assertThat(d.timeout()).isEmpty();
    assertThat(d.cancelOnTimeout()).isTrue();
    assertThat(d.cancelOnDispose()).isFalse();
    assertThat(d.retry()).isEmpty();
    assertThat(WatchOptions.DEFAULT_INTERVAL).isEqualTo(Duration.ofSeconds(3));
    assertThat(WatchOptions.DEFAULT_TIMEOUT).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void withersReturnNewInstancesAndLeaveTheOriginalAlone() {
    RetryConfig retry = RetryConfig.ofDefaults();
    WatchOptions d = WatchOptions.defaults();
    WatchOptions o = d.interval(Duration.ofSeconds(1)).timeout(Duration.ofMinutes(1))
        .cancelOnTimeout(false).cancelOnDispose(true).retry(retry);
    assertThat(o.interval()).hasValue(Duration.ofSeconds(1));
    assertThat(o.timeout()).hasValue(Duration.ofMinutes(1));
    assertThat(o.cancelOnTimeout()).isFalse();
    assertThat(o.cancelOnDispose()).isTrue();
    assertThat(o.retry()).containsSame(retry);
    assertThat(d.interval()).isEmpty();
    assertThat(d.cancelOnDispose()).isFalse();
  }

  @Test
  void rejectsNonPositiveDurations() {
    assertThatThrownBy(() -> WatchOptions.defaults().interval(Duration.ofMillis(-1)))
        .hasMessage("interval must be positive, was PT-0.001S");
    assertThatThrownBy(() -> WatchOptions.defaults().timeout(Duration.ZERO))
        .hasMessage("timeout must be positive, was PT0S");
  }
}
