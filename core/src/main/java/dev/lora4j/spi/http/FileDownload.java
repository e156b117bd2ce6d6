package dev.lora4j.spi.http;

import dev.lora4j.ProtocolException;
import dev.lora4j.internal.WebUrls;
import dev.lora4j.internal.http.PartFile;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * The streaming download: a GET whose body goes chunk by chunk to a temporary file next to the
 * target (file I/O on {@link Schedulers#boundedElastic()}), within the download limit, moved over
 * the target only once complete and of the expected size.
 */
final class FileDownload {

  private final Exchange exchange;
  private final HttpClient downloads;
  private final long maxDownloadSize;

  /** Downloads with {@code http}, the JSON calls' client, following redirects and accepting anything. */
  FileDownload(Exchange exchange, HttpClient http, long maxDownloadSize) {
    this.exchange = exchange;
    this.downloads = http.followRedirect(true).headers(h -> h.set(HttpHeaderNames.ACCEPT, "*/*"));
    this.maxDownloadSize = maxDownloadSize;
  }

  /**
   * One download of {@code url}: lazy, made at each subscription; named in messages and logs by
   * the URL's host and path (never its query, which may hold a signed token).
   *
   * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL
   */
  Mono<Path> get(
      URI url, Path target, long expectedSize, @Nullable LongConsumer progress, HttpErrorMapper errorMapper) {
    if (!WebUrls.isWeb(url)) {
      throw new IllegalArgumentException(
          "url must be an absolute http or https URL with a host, was " + WebUrls.kind(url));
    }
    String rawPath = url.getRawPath() == null ? "" : url.getRawPath();
    Call call = new Call("GET", url.getHost() + rawPath, url, null, errorMapper);
    return Mono.defer(() -> exchange.attempt(call, attempt -> Mono.using(
            () -> PartFile.create(target),
            part ->
                downloads
                    .doOnRequest(
                        (request, connection) -> {
                          AttemptObservation.propagate(attempt, request.requestHeaders());
                          attempt.markSent();
                          request.responseTimeout(exchange.responseTimeout);
                        })
                    .get()
                    .uri(call.uri)
                    .responseConnection(
                        (response, connection) ->
                            receive(attempt, response, connection, part, expectedSize, progress))
                    .next(),
            PartFile::discard)))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private Mono<Path> receive(
      Attempt attempt,
      HttpClientResponse response,
      Connection connection,
      PartFile part,
      long expectedSize,
      @Nullable LongConsumer progress) {
    Mono<Path> rejected = exchange.rejection(
        attempt, response, connection, Exchange.contentLength(response), maxDownloadSize, "download limit");
    if (rejected != null) {
      return rejected;
    }
    AtomicLong received = new AtomicLong();
    AtomicLong written = new AtomicLong();
    AtomicBoolean complete = new AtomicBoolean();
    return connection
        .inbound()
        .receive()
        .<byte[]>handle(
            (chunk, sink) -> {
              if (received.addAndGet(chunk.readableBytes()) > maxDownloadSize) {
                sink.error(exchange.sentTooMuch(attempt, maxDownloadSize, "download limit"));
              } else {
                byte[] bytes = new byte[chunk.readableBytes()];
                chunk.getBytes(chunk.readerIndex(), bytes);
                sink.next(bytes);
              }
            })
        .doOnComplete(() -> complete.set(true))
        .publishOn(Schedulers.boundedElastic(), 16)
        .doOnNext(
            bytes -> {
              part.write(bytes);
              long total = written.addAndGet(bytes.length);
              if (progress != null) {
                progress.accept(total);
              }
            })
        .then(Mono.fromCallable(() -> commit(attempt, part, written.get(), expectedSize)))
        .doFinally(signal -> Exchange.disposeUnlessComplete(connection, complete));
  }

  private Path commit(Attempt attempt, PartFile part, long written, long expectedSize) {
    if (expectedSize >= 0 && written != expectedSize) {
      throw new ProtocolException(
          exchange.prefix(attempt.call) + " sent " + written + " bytes where the provider reported "
              + expectedSize + "; nothing was saved",
          null,
          attempt.status);
    }
    return part.commit();
  }
}
