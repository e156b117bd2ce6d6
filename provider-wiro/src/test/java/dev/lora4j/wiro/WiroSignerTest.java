package dev.lora4j.wiro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WiroSignerTest {

  @Test
  void reproducesTheSpecTestVector() {
    WiroSigner signer = WiroSigner.of("test-api-key", "test-secret");

    assertThat(signer.signature("1700000000000"))
        .isEqualTo("2d99fa1b6934f66a712785d1b402997e1b13d9d7cd5e0085211dac133ae4a8ef");
  }

  @Test
  void signedHeadersCarryTheKeyAFreshNonceAndItsSignature() {
    WiroSigner signer = WiroSigner.of("test-api-key", "test-secret", () -> 1_700_000_000L, 0);

    Map<String, String> headers = signer.headers();

    assertThat(headers).containsExactlyInAnyOrderEntriesOf(Map.of(
        "x-api-key", "test-api-key",
        "x-nonce", "1700000000000",
        "x-signature", "2d99fa1b6934f66a712785d1b402997e1b13d9d7cd5e0085211dac133ae4a8ef"));
    assertThat(signer.headers()).containsEntry("x-nonce", "1700000001000");
    assertThat(signer.signs()).isTrue();
  }

  @Test
  void aKeyOnlySignerSendsTheKeyAlone() {
    WiroSigner signer = WiroSigner.of("key-only", null);

    assertThat(signer.headers()).containsExactly(Map.entry("x-api-key", "key-only"));
    assertThat(signer.signs()).isFalse();
    assertThatThrownBy(() -> signer.signature("1")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aNonceIsTheClockOrOneMoreThanThePreviousWhicheverIsLaterTimesAThousandPlusTheSlot() {
    AtomicLong now = new AtomicLong(5_000);
    WiroSigner signer = WiroSigner.of("clock-key", "s", now::get, 42);

    assertThat(signer.nextNonce()).isEqualTo(5_000_042);
    assertThat(signer.nextNonce()).isEqualTo(5_001_042);
    now.set(4_000);
    assertThat(signer.nextNonce()).isEqualTo(5_002_042);
    now.set(9_000);
    assertThat(signer.nextNonce()).isEqualTo(9_000_042);
  }

  @Test
  void signersOfOneKeyShareOneSequenceAndOtherKeysHaveTheirOwn() {
    AtomicLong now = new AtomicLong(7_000);
    WiroSigner first = WiroSigner.of("shared-key", "s", now::get, 7);
    WiroSigner second = WiroSigner.of("shared-key", "another secret", now::get, 7);
    WiroSigner other = WiroSigner.of("other-key", "s", now::get, 7);

    assertThat(first.nextNonce()).isEqualTo(7_000_007);
    assertThat(second.nextNonce()).as("the second signer of a key continues its sequence").isEqualTo(7_001_007);
    assertThat(first.nextNonce()).isEqualTo(7_002_007);
    assertThat(other.nextNonce()).as("another key starts at the clock").isEqualTo(7_000_007);
  }

  @Test
  void twoProcessesOfOneKeyNeverCollideUnlessTheyDrewTheSameSlot() {
    AtomicLong now = new AtomicLong(1_700_000_000_000L);
    // two processes: separate sequences (different keys stand in for the per-process state) on one clock
    WiroSigner processA = WiroSigner.of("process-a-key", "s", now::get, 311);
    WiroSigner processB = WiroSigner.of("process-b-key", "s", now::get, 312);
    Set<Long> nonces = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      nonces.add(processA.nextNonce());
      nonces.add(processB.nextNonce());
      if (i % 7 == 0) {
        now.incrementAndGet();
      }
    }
    assertThat(nonces).hasSize(10_000);
    assertThat(nonces).allSatisfy(n -> assertThat(n).isLessThan(1L << 53));
  }

  @Test
  void theProcessSlotIsBelowAThousand() {
    long nonce = WiroSigner.of("slot-key", "s").nextNonce();
    long millis = System.currentTimeMillis();

    assertThat(nonce % WiroSigner.NONCE_SLOTS).isBetween(0L, 999L);
    assertThat(nonce / WiroSigner.NONCE_SLOTS).isBetween(millis - 60_000, millis + 60_000);
    assertThatThrownBy(() -> WiroSigner.of("k", "s", () -> 0, 1000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noncesAreUniqueAcrossThreadsAndIncreasingInEachThread() throws Exception {
    WiroSigner signer = WiroSigner.of("threads-key", "s");
    int threads = 8;
    int perThread = 12_500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          long[] nonces = new long[perThread];
          for (int i = 0; i < perThread; i++) {
            nonces[i] = signer.nextNonce();
          }
          return nonces;
        }));
      }
      start.countDown();
      Set<Long> all = new HashSet<>();
      for (Future<long[]> future : futures) {
        long[] nonces = future.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < nonces.length; i++) {
          if (i > 0) {
            assertThat(nonces[i]).as("nonce %d of a thread", i).isGreaterThan(nonces[i - 1]);
          }
          all.add(nonces[i]);
        }
      }
      assertThat(all).hasSize(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void neverShowsTheKeySecretOrSignature() {
    WiroSigner signer = WiroSigner.of("my-key-123", "my-secret-456");
    String signature = signer.signature("1");

    assertThat(signer.toString()).doesNotContain("my-key-123", "my-secret-456", signature).contains("***");
    assertThatThrownBy(() -> WiroSigner.of("k", " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WiroSigner.of(" ", "s")).isInstanceOf(IllegalArgumentException.class);
  }
}
