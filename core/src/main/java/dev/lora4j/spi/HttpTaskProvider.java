package dev.lora4j.spi;

import dev.lora4j.TaskOutput;
import dev.lora4j.spi.http.ProviderHttpClient;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A {@link TaskProvider} over one {@link ProviderHttpClient}: it downloads outputs with that
 * client and closes it. A provider extends it, implements the wire calls with {@link #http}, and
 * when it holds more resources (sockets) overrides {@link #close()} to release them and then calls
 * {@code super.close()}.
 */
public abstract class HttpTaskProvider implements TaskProvider {

  /** The provider's HTTP client, owned by this provider and closed by {@link #close()}. */
  protected final ProviderHttpClient http;

  /**
   * Takes ownership of the HTTP client.
   *
   * @param http the client, closed with this provider
   */
  protected HttpTaskProvider(ProviderHttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * Downloads an output with {@link ProviderHttpClient#download(java.net.URI, Path, long,
   * LongConsumer)}: streamed to a temporary file in the target's folder and moved into place only
   * when complete and of the announced {@linkplain TaskOutput#size() size}, if known.
   *
   * @param output the file to download
   * @param target the file to write; its folder exists
   * @param progress called with the number of bytes written so far, or {@code null}
   * @return a {@code Mono} emitting the written file, or signalling the download's failure
   */
  @Override
  public Mono<Path> download(TaskOutput output, Path target, @Nullable LongConsumer progress) {
    return http.download(output.url(), target, output.size().orElse(-1), progress);
  }

  /**
   * Returns the HTTP client's {@linkplain ProviderHttpClient#scheduler() event-loop scheduler}.
   *
   * @return the scheduler
   */
  @Override
  public Scheduler scheduler() {
    return http.scheduler();
  }

  /** Closes the HTTP client. Subclasses holding more resources release them first, then call this. */
  @Override
  public void close() {
    http.close();
  }
}
