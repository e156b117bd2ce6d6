package dev.lora4j.testkit.internal;

/**
 * How endpoint keys match endpoints, the same rule everywhere: equal, or a prefix followed by
 * {@code '/'}.
 */
public final class Endpoints {

  private Endpoints() {
  }

  /**
   * Whether a key selects an endpoint.
   *
   * @param key a key such as {@code "Run"}
   * @param endpoint an endpoint such as {@code "Run/wiro/text-to-image-flux-lora-fast"}
   * @return {@code true} if the endpoint equals the key or starts with the key and {@code '/'}
   */
  public static boolean matches(String key, String endpoint) {
    return endpoint.equals(key) || endpoint.startsWith(key + "/");
  }
}
