package dev.lora4j.spi.http;

import dev.lora4j.ProtocolException;
import dev.lora4j.internal.http.PartFile;
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

  FileDownload(Exchange exchange, HttpClient downloads, long maxDownloadSize) {
    this.exchange = exchange;
    this.downloads = downloads;
    this.maxDownloadSize = maxDownloadSize;
  }

  /** One download: lazy, made at each subscription. */
  Mono<Path> get(Call call, Path target, long expectedSize, @Nullable LongConsumer progress) {
    return Mono.defer(() -> exchange.attempt(call, attempt -> Mono.using(
            () -> PartFile.create(target),
            part ->
                downloads
                    .doOnRequest(
                        (request, connection) -> {
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
