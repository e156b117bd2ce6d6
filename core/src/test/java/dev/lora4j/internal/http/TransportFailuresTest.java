package dev.lora4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;

class TransportFailuresTest {

  @Test
  void recognizesNetworkFailuresButNotBugs() {
    assertThat(TransportFailures.isTransport(new ConnectException("refused"))).isTrue();
    assertThat(TransportFailures.isTransport(new IOException("reset"))).isTrue();
    assertThat(TransportFailures.isTransport(new TimeoutException())).isTrue();
    assertThat(TransportFailures.isTransport(AbortedException.beforeSend())).isTrue();
    assertThat(TransportFailures.isTransport(new IllegalStateException("bug"))).isFalse();
    assertThat(TransportFailures.isTransport(new NullPointerException())).isFalse();
  }

  @Test
  void onlyAConnectionClosedBeforeSendingProvesNothingWasSent() {
    assertThat(TransportFailures.provesNothingWasSent(AbortedException.beforeSend())).isTrue();
    assertThat(TransportFailures.provesNothingWasSent(new AbortedException("Connection reset")))
        .isFalse();
    assertThat(TransportFailures.provesNothingWasSent(new IOException("Connection reset by peer")))
        .isFalse();
  }
}
