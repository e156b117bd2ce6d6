package dev.lora4j.webflux;

import dev.lora4j.TaskHandle;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/** The application's paths of a task, with its encoded handle as one path segment. */
final class TaskLinks {

  private TaskLinks() {}

  /** {@code /api/tasks/{handle}}. */
  static String task(TaskHandle handle) {
    return "/api/tasks/" + UriUtils.encodePathSegment(handle.encode(), StandardCharsets.UTF_8);
  }

  /** {@code /api/tasks/{handle}/events}. */
  static String events(TaskHandle handle) {
    return task(handle) + "/events";
  }

  /** {@code /api/tasks/{handle}/outputs/{index}}. */
  static String output(TaskHandle handle, int index) {
    return task(handle) + "/outputs/" + index;
  }
}
