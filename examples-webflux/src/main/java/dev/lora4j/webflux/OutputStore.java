package dev.lora4j.webflux;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The output files, downloaded once each with {@link TaskClient#download} into a temporary folder
 * that the application owns and deletes when it stops: however many browsers ask for an output at
 * once, it is fetched from the provider once, streamed to disk (never held in memory) and then
 * served from the file. A download that fails is not kept, so the next request tries again.
 */
@Component
public class OutputStore implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(OutputStore.class);

  private record Key(TaskHandle handle, int index) {}

  private final TaskClient client;
  private final Path folder;
  private final AtomicLong downloads = new AtomicLong();
  private final Map<Key, Mono<Path>> files = new ConcurrentHashMap<>();

  /**
   * Creates the folder.
   *
   * @param client the client that downloads
   * @throws UncheckedIOException if the temporary folder cannot be created
   */
  public OutputStore(TaskClient client) {
    this.client = client;
    try {
      this.folder = Files.createTempDirectory("lora4j-webflux-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the folder for output files", e);
    }
  }

  /**
   * The file of a task's output, downloaded at the first call.
   *
   * @param handle the task
   * @param index the output's index in the task's result
   * @param output the output
   * @return a {@code Mono} of the file's path; a failed download signals its error once
   */
  public Mono<Path> file(TaskHandle handle, int index, TaskOutput output) {
    return files.computeIfAbsent(new Key(handle, index), key -> {
      Path target = folder.resolve(Long.toString(downloads.incrementAndGet())).resolve(output.name());
      // an error is not cached; nor is a file that went missing (a cleaner of /tmp): both download again
      return client.download(output, target).cacheInvalidateIf(path -> !Files.isRegularFile(path));
    });
  }

  /** The folder the files are kept in. */
  Path folder() {
    return folder;
  }

  /** Deletes the folder and every file in it. */
  @Override
  public void destroy() {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not delete the output folder {}: {}", folder, e.toString());
    }
  }
}
