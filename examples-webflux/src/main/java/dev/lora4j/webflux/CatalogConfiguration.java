package dev.lora4j.webflux;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The providers' LoRA catalogs, each only when its provider's jar is on the class path, so that the
 * application runs with either provider alone.
 */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

  /** Wiro's catalog. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.lora4j.wiro.WiroLora")
  static class Wiro {

    @Bean
    LoraCatalog wiroLoraCatalog() {
      return new WiroCatalog();
    }
  }
}
