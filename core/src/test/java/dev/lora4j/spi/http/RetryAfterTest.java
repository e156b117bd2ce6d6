package dev.lora4j.spi.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

  @Test
  void readsDeltaSeconds() {
    assertThat(RetryAfter.parse("120", NOW)).hasValue(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 7 ", NOW)).hasValue(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("0", NOW)).hasValue(Duration.ZERO);
  }

  @Test
  void readsAnImfFixdate() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:30:30 GMT", NOW))
        .hasValue(Duration.ofSeconds(150));
  }

  @Test
  void readsTheObsoleteDateForms() {
    assertThat(RetryAfter.parse("Wednesday, 21-Oct-15 07:29:00 GMT", NOW))
        .hasValue(Duration.ofMinutes(1));
    assertThat(RetryAfter.parse("Wed Oct 21 07:28:10 2015", NOW)).hasValue(Duration.ofSeconds(10));
    assertThat(RetryAfter.parse("Sun Nov  6 08:49:37 1994", NOW)).hasValue(Duration.ZERO);
  }

  @Test
  void aDateInThePastMeansNoWait() {
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).hasValue(Duration.ZERO);
  }

  @Test
  void capsAbsurdWaitsAtOneHour() {
    assertThat(RetryAfter.parse("86400", NOW)).hasValue(RetryAfter.MAX);
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).hasValue(Duration.ofHours(1));
    assertThat(RetryAfter.parse("Fri, 01 Jan 2100 00:00:00 GMT", NOW)).hasValue(RetryAfter.MAX);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "-5", "1.5", "soon", "12s", "PT5S", "Wed, 32 Oct 2015 07:28:00 GMT"})
  void ignoresWhatIsNeitherForm(String value) {
    assertThat(RetryAfter.parse(value, NOW)).isEmpty();
  }
}
