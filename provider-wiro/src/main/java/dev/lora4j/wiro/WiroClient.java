package dev.lora4j.wiro;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.spi.ProviderFacade;
import dev.lora4j.spi.ProviderFacades;
import dev.lora4j.wiro.internal.WiroProvider;
import reactor.core.publisher.Mono;

/**
 * What only Wiro offers, next to the provider-neutral {@link TaskClient}: the input schema of any
 * tool. Its {@link #taskClient()} runs, watches and cancels tasks as {@link
 * dev.lora4j.TaskClients#create()} would.
 *
 * <pre>{@code
 * try (WiroClient wiro = WiroClient.create()) {
 *   WiroTool tool = wiro.tool(FluxLoraFast.TOOL).block();
 *   tool.inputs().forEach(i -> System.out.println(i.id() + " " + i.type() + " default " + i.defaultValue()));
 *   TaskResult result = wiro.taskClient().run(FluxLoraFast.of("a lighthouse", WiroLora.MOVIE_POSTER)).block();
 * }
 * }</pre>
 */
public final class WiroClient extends ProviderFacade {

  private final WiroProvider provider;

  private WiroClient(ProviderFacades.Facade<WiroProvider> opened) {
    super(opened.taskClient());
    this.provider = opened.provider();
  }

  /**
   * Creates the client, configured from system properties and the environment ({@code
   * WIRO_API_KEY}, {@code WIRO_API_SECRET}, ...).
   *
   * @return the client; close it when done
   * @throws dev.lora4j.AuthenticationException if no API key is configured
   */
  public static WiroClient create() {
    return create(ClientOptions.defaults());
  }

  /**
   * Creates the client.
   *
   * @param options the options (see {@link WiroProviderFactory} for what is read)
   * @return the client; close it when done
   * @throws dev.lora4j.AuthenticationException if no API key is configured
   * @throws IllegalArgumentException if an option has a bad value
   */
  public static WiroClient create(ClientOptions options) {
    return new WiroClient(ProviderFacades.open(new WiroProviderFactory(), WiroProvider.class, options));
  }

  /**
   * Reads a tool's description and inputs ({@code Tool/Detail}); transient errors are retried.
   *
   * @param tool the tool's slug, {@code owner/tool}, such as {@value FluxLoraFast#TOOL}
   * @return a {@code Mono} emitting the tool; or signalling {@link
   *     dev.lora4j.InvalidRequestException} for an unknown tool, {@link
   *     dev.lora4j.AuthenticationException}, and the other provider errors
   * @throws IllegalArgumentException if the slug is not {@code owner/tool}
   */
  public Mono<WiroTool> tool(String tool) {
    String slug = WiroRun.checkSlug(tool);
    return ProviderFacades.retryTransient(provider.tool(slug));
  }

  @Override
  public String toString() {
    return "WiroClient{" + provider + "}";
  }
}
