package dev.lora4j.wiro;

import dev.lora4j.Lora4jException;
import dev.lora4j.TaskFailedException;
import dev.lora4j.TaskCanceledException;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.TaskUpdate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Everything a user of lora4j can see of a run, as text: the {@code toString()} of every public
 * value, every accessor that returns text, and every exception's message and {@code toString()},
 * causes and suppressed ones included.
 */
final class Exposure {

  private final List<String> texts = Collections.synchronizedList(new ArrayList<>());

  List<String> texts() {
    return List.copyOf(texts);
  }

  void add(Object value) {
    texts.add(String.valueOf(value));
  }

  void update(TaskUpdate update) {
    add(update);
    add(update.handle());
    add(update.providerStatus());
    update.message().ifPresent(this::add);
    update.result().ifPresent(this::result);
  }

  void result(TaskResult result) {
    add(result);
    add(result.handle());
    result.error().ifPresent(this::add);
    result.raw().ifPresent(this::add);
    texts.addAll(result.attributes().values());
    for (TaskOutput output : result.outputs()) {
      add(output);
      add(output.url());
      add(output.name());
      output.contentType().ifPresent(this::add);
    }
  }

  void error(Throwable error) {
    error(error, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private void error(Throwable error, Set<Throwable> seen) {
    if (!seen.add(error)) {
      return;
    }
    add(error);
    add(error.getMessage());
    if (error instanceof Lora4jException e) {
      e.providerMessage().ifPresent(this::add);
    }
    if (error instanceof TaskFailedException e) {
      result(e.result());
    }
    if (error instanceof TaskCanceledException e) {
      result(e.result());
    }
    if (error instanceof TaskTimeoutException e) {
      e.lastUpdate().ifPresent(this::update);
    }
    if (error.getCause() != null) {
      error(error.getCause(), seen);
    }
    for (Throwable suppressed : error.getSuppressed()) {
      error(suppressed, seen);
    }
  }
}
