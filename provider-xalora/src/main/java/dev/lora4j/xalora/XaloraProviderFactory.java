package dev.lora4j.xalora;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ClientOptions;
import dev.lora4j.spi.TaskProvider;
import dev.lora4j.spi.TaskProviderFactory;
import dev.lora4j.spi.http.ProviderHttpClient;
import dev.lora4j.xalora.internal.XaloraCodec;
import dev.lora4j.xalora.internal.XaloraCredentials;
import dev.lora4j.xalora.internal.XaloraProvider;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;

/**
 * Finds the Xalora provider, named {@value #NAME}, for {@link dev.lora4j.TaskClients}.
 *
 * <table>
 *   <caption>Configuration</caption>
 *   <tr><th>what</th><th>option</th><th>environment</th><th>default</th></tr>
 *   <tr><td>credentials {@code consumerId#apiKey}</td><td>{@link ClientOptions#API_KEY}</td>
 *       <td>{@value #API_KEY_ENV}</td><td>required</td></tr>
 *   <tr><td>base URL</td><td>{@link ClientOptions#BASE_URL}</td><td>{@value #BASE_URL_ENV}</td>
 *       <td>{@value #DEFAULT_BASE_URL}</td></tr>
 * </table>
 *
 * The system properties {@code lora4j.apiKey} and {@code lora4j.baseUrl} come between the option and
 * the environment.
 */
public final class XaloraProviderFactory implements TaskProviderFactory {

  /** The provider's name. */
  public static final String NAME = XaloraCodec.PROVIDER;
  /** The environment variable holding {@code consumerId#apiKey}. */
  public static final String API_KEY_ENV = "XALORA_API_KEY";
  /** The environment variable holding the sequencer's base URL. */
  public static final String BASE_URL_ENV = "XALORA_WORKFLOW_URL";
  /** The sequencer's public base URL. */
  public static final String DEFAULT_BASE_URL = "https://sequencer-v2.xalora.xyz";

  /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
  public XaloraProviderFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Tells whether Xalora credentials are configured.
   *
   * @param options the client options
   * @return {@code true} when {@code apiKey} or {@value #API_KEY_ENV} is set
   */
  @Override
  public boolean supports(ClientOptions options) {
    return options.value(ClientOptions.API_KEY, API_KEY_ENV).isPresent();
  }

  @Override
  public TaskProvider create(ClientOptions options) {
    return createProvider(options);
  }

  static XaloraProvider createProvider(ClientOptions options) {
    String source = options.sourceOf(ClientOptions.API_KEY, API_KEY_ENV)
        .orElseThrow(() -> new AuthenticationException(
            "no Xalora credentials: set " + API_KEY_ENV + "=consumerId#apiKey, the system property"
                + " lora4j.apiKey, or ClientOptions.builder().apiKey(...)"));
    XaloraCredentials credentials = XaloraCredentials.parse(options.value(ClientOptions.API_KEY, API_KEY_ENV).orElseThrow(), source);
    URI baseUrl = options.value(ClientOptions.BASE_URL, BASE_URL_ENV).orElse(URI.create(DEFAULT_BASE_URL));
    ProviderHttpClient http = ProviderHttpClient.builder(NAME, baseUrl).options(options)
        .secrets(List.of(credentials.apiKey()))
        .build();
    return new XaloraProvider(
        http, credentials, source, new XaloraCodec(ProviderHttpClient.json(), new SecureRandom()));
  }
}
