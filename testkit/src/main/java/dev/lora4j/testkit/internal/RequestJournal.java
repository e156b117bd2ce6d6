package dev.lora4j.testkit.internal;

import dev.lora4j.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every request a simulator received, in arrival order, and how many calls named each task.
 * Thread-safe.
 */
public final class RequestJournal {

  private final List<RecordedRequest> requests = new ArrayList<>();
  private final Map<String, Map<String, AtomicInteger>> callsByEndpoint = new ConcurrentHashMap<>();

  /**
   * Appends a request.
   *
   * @param request the request
   */
  public void record(RecordedRequest request) {
    synchronized (requests) {
      requests.add(request);
    }
  }

  /**
   * Counts one call to an endpoint that named a task.
   *
   * @param endpoint the endpoint
   * @param taskId the task id
   */
  public void countCall(String endpoint, String taskId) {
    callsByEndpoint.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
        .computeIfAbsent(taskId, t -> new AtomicInteger())
        .incrementAndGet();
  }

  /**
   * The requests to endpoints a key matches, in arrival order.
   *
   * @param endpointKey an endpoint key, see {@link Endpoints#matches}
   * @return an immutable snapshot
   */
  public List<RecordedRequest> requests(String endpointKey) {
    synchronized (requests) {
      return requests.stream().filter(r -> Endpoints.matches(endpointKey, r.endpoint())).toList();
    }
  }

  /**
   * Every request, in arrival order.
   *
   * @return an immutable snapshot
   */
  public List<RecordedRequest> all() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /**
   * How many calls to endpoints a key matches named a task.
   *
   * @param endpointKey an endpoint key, see {@link Endpoints#matches}
   * @param taskId the task id
   * @return the count
   */
  public int calls(String endpointKey, String taskId) {
    int total = 0;
    for (Map.Entry<String, Map<String, AtomicInteger>> entry : callsByEndpoint.entrySet()) {
      if (Endpoints.matches(endpointKey, entry.getKey())) {
        AtomicInteger n = entry.getValue().get(taskId);
        total += n == null ? 0 : n.get();
      }
    }
    return total;
  }
}
