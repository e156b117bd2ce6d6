package dev.lora4j.guide.minipix;

import dev.lora4j.ClientOptions;
import dev.lora4j.spi.ProviderContext;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import dev.lora4j.spi.TaskProvider;
import dev.lora4j.spi.TaskProviderFactory;
import dev.lora4j.spi.http.ProviderHttpClient;
import java.net.URI;
import java.util.Map;

/**
 * Finds the Minipix provider, named {@value #NAME}. Its settings: the API key ({@code apiKey},
 * {@code lora4j.apiKey}, {@value #API_KEY_ENV}; required) and the base URL ({@code baseUrl},
 * {@code lora4j.baseUrl}, {@value #BASE_URL_ENV}).
 */
public final class MinipixProviderFactory implements TaskProviderFactory {

  /** The provider's name. */
  public static final String NAME = "minipix";
  /** The environment variable holding the API key. */
  public static final String API_KEY_ENV = "MINIPIX_API_KEY";
  /** The environment variable holding the base URL. */
  public static final String BASE_URL_ENV = "MINIPIX_BASE_URL";

  static final ProviderSetting<String> API_KEY =
      ProviderSetting.required(ClientOptions.API_KEY, API_KEY_ENV, "the Minipix API key");
  static final ProviderSetting<URI> BASE_URL = ProviderSetting.optional(
      ClientOptions.BASE_URL, BASE_URL_ENV, "the API's base URL", "https://api.minipix.invalid/v1/");
  private static final ProviderDescription DESCRIPTION =
      ProviderDescription.of(NAME, false, API_KEY, BASE_URL);

  /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
  public MinipixProviderFactory() {}

  @Override
  public ProviderDescription description() {
    return DESCRIPTION;
  }

  @Override
  public TaskProvider create(ProviderContext context) {
    String apiKey = context.require(API_KEY);
    Map<String, String> headers = Map.of("X-Api-Key", apiKey);
    ProviderHttpClient http = context.http(context.valueOrDefault(BASE_URL)).headers(() -> headers).build();
    return new MinipixProvider(http, "check the API key from " + context.sourceOf(API_KEY).orElseThrow());
  }
}
