package dev.lora4j.spi;

import dev.lora4j.InvalidRequestException;
import dev.lora4j.Lora4jException;
import dev.lora4j.TaskRequest;
import dev.lora4j.UnsupportedRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How one provider turns each {@link TaskRequest} it runs into its own native request: the one hook
 * every provider uses in {@link TaskProvider#submit}, inside its {@code Mono.defer} so that a
 * refusal is signalled, not thrown.
 *
 * <pre>{@code
 * static final RequestMapping<WorkflowTask> REQUESTS = RequestMapping.builder("xalora", WorkflowTask.class)
 *     .on(TextToImage.class, XaloraRequests::fluxLora)
 *     .on(FluxLoraTask.class, task -> task)
 *     .build();
 *
 * public Mono<TaskHandle> submit(TaskRequest request) {
 *   return Mono.defer(() -> send(REQUESTS.map(request)));
 * }
 * }</pre>
 *
 * <p>Which exception a refusal is follows one rule, the same for every provider:
 *
 * <ul>
 *   <li>{@link UnsupportedRequestException}: the provider cannot honour this request type, field or
 *       value at all: a type with no mapping here (the message lists the supported ones), or a
 *       value its model has no way to carry out (several images from a one-image workflow, a
 *       parameter the model does not have). A mapping function throws it for those.
 *   <li>{@link InvalidRequestException}: the provider supports the field in principle, but the value
 *       lies outside its documented range or format (a LoRA that is neither a catalog entry nor a
 *       file URL, a size above the documented maximum). A mapping function throws it, or lets the
 *       {@link IllegalArgumentException} of the native request's builder escape: {@link #map} turns
 *       that into an {@code InvalidRequestException} naming the provider and the builder's message.
 * </ul>
 *
 * <p>Where a provider documents no range for a value, its mapping passes the value on unchecked
 * and the provider's own answer decides. Instances are immutable and thread-safe.
 *
 * @param <R> the provider's native request type
 */
public final class RequestMapping<R> {

  private final String provider;
  private final Map<Class<? extends TaskRequest>, Function<? super TaskRequest, ? extends R>> mappings;

  private RequestMapping(Builder<R> b) {
    this.provider = b.provider;
    this.mappings = new LinkedHashMap<>(b.mappings);
  }

  /**
   * Starts the mapping of one provider.
   *
   * @param provider the provider's name, for messages
   * @param nativeType the provider's native request type
   * @param <R> that type
   * @return a builder
   * @throws IllegalArgumentException if {@code provider} is blank
   */
  public static <R> Builder<R> builder(String provider, Class<R> nativeType) {
    Objects.requireNonNull(nativeType, "nativeType");
    return new Builder<>(provider);
  }

  /**
   * Maps a request with the first mapping whose type it is an instance of, in the order they were
   * added.
   *
   * @param request the request
   * @return the native request
   * @throws UnsupportedRequestException if no mapping takes the request's type (the message lists
   *     the supported types), or the mapping found the request cannot be honoured
   * @throws InvalidRequestException if a value lies outside the provider's documented range or
   *     format
   */
  public R map(TaskRequest request) {
    Objects.requireNonNull(request, "request");
    for (Map.Entry<Class<? extends TaskRequest>, Function<? super TaskRequest, ? extends R>> m : mappings.entrySet()) {
      if (m.getKey().isInstance(request)) {
        try {
          return Objects.requireNonNull(m.getValue().apply(request), "the mapping returned null");
        } catch (Lora4jException e) {
          throw e;
        } catch (IllegalArgumentException e) {
          throw new InvalidRequestException(
              "the " + m.getKey().getSimpleName() + " request does not fit " + provider + ": " + e.getMessage(), e);
        }
      }
    }
    throw new UnsupportedRequestException(
        "the " + provider + " provider runs " + supported() + ", not " + request.getClass().getName());
  }

  /**
   * Returns the request types this provider runs, in the order their mappings were added.
   *
   * @return an immutable list
   */
  public List<Class<? extends TaskRequest>> supportedTypes() {
    return List.copyOf(mappings.keySet());
  }

  /** {@code A}, {@code A and B}, {@code A, B and C}. */
  private String supported() {
    List<String> names = new ArrayList<>();
    mappings.keySet().forEach(type -> names.add(type.getSimpleName()));
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  @Override
  public String toString() {
    return "RequestMapping{" + provider + ": " + supported() + "}";
  }

  /**
   * Builds a {@link RequestMapping}. Not thread-safe.
   *
   * @param <R> the provider's native request type
   */
  public static final class Builder<R> {
    private final String provider;
    private final Map<Class<? extends TaskRequest>, Function<? super TaskRequest, ? extends R>> mappings =
        new LinkedHashMap<>();

    private Builder(String provider) {
      Objects.requireNonNull(provider, "provider");
      if (provider.isBlank()) {
        throw new IllegalArgumentException("provider must not be blank");
      }
      this.provider = provider;
    }

    /**
     * Maps requests of a type, and of its subtypes unless an earlier mapping takes them.
     *
     * @param type the request type
     * @param mapping turns such a request into the native one; throws as {@link RequestMapping#map}
     *     describes
     * @param <T> the request type
     * @return this builder
     * @throws IllegalArgumentException if {@code type} is mapped already
     */
    public <T extends TaskRequest> Builder<R> on(Class<T> type, Function<? super T, ? extends R> mapping) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(mapping, "mapping");
      if (mappings.containsKey(type)) {
        throw new IllegalArgumentException(type.getName() + " is mapped already");
      }
      mappings.put(type, request -> mapping.apply(type.cast(request)));
      return this;
    }

    /**
     * Builds the mapping.
     *
     * @return the immutable mapping
     * @throws IllegalStateException if no type is mapped
     */
    public RequestMapping<R> build() {
      if (mappings.isEmpty()) {
        throw new IllegalStateException("a request mapping needs at least one request type");
      }
      return new RequestMapping<>(this);
    }
  }
}
