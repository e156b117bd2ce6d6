package dev.lora4j.xalora;

import dev.lora4j.ClientOptions;
import dev.lora4j.spi.ProviderContext;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
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
 * Finds the Xalora provider, named {@value #NAME}, for {@link dev.lora4j.TaskClients}. Its
 * {@linkplain #description() description} lists the settings: the credentials {@code
 * consumerId#apiKey} ({@link ClientOptions#API_KEY}, system property {@code lora4j.apiKey},
 * environment {@value #API_KEY_ENV}; required) and the base URL ({@link ClientOptions#BASE_URL},
 * {@code lora4j.baseUrl}, {@value #BASE_URL_ENV}; default {@value #DEFAULT_BASE_URL}).
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

  private static final ProviderSetting<String> CREDENTIALS = ProviderSetting.required(ClientOptions.API_KEY, API_KEY_ENV,
      "the account's credentials, in the form consumerId#apiKey");
  private static final ProviderSetting<URI> BASE_URL = ProviderSetting.optional(ClientOptions.BASE_URL, BASE_URL_ENV,
      "the sequencer's base URL", DEFAULT_BASE_URL);
  static final ProviderDescription DESCRIPTION = ProviderDescription.of(NAME, true, CREDENTIALS, BASE_URL);

  /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
  public XaloraProviderFactory() {}

  @Override
  public ProviderDescription description() {
    return DESCRIPTION;
  }

  @Override
  public TaskProvider create(ProviderContext context) {
    String combined = context.require(CREDENTIALS);
    String source = context.sourceOf(CREDENTIALS).orElseThrow();
    XaloraCredentials credentials = XaloraCredentials.parse(combined, source);
    // the key alone is masked, as the sequencer may echo it without the consumer id
    ProviderHttpClient http = context.http(context.valueOrDefault(BASE_URL)).secrets(List.of(credentials.apiKey())).build();
    return new XaloraProvider(http, credentials, source, new XaloraCodec(ProviderHttpClient.json(), new SecureRandom()));
  }
}
