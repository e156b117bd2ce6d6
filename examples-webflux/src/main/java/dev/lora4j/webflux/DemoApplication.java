package dev.lora4j.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The demo application: {@code java -jar lora4j-webflux.jar} serves the page on port 8080
 * ({@code --server.port=N} to change it).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoApplication {

  /** Created by Spring. */
  DemoApplication() {}

  /**
   * Starts the application.
   *
   * @param args Spring Boot's arguments, such as {@code --server.port=18080}
   */
  public static void main(String[] args) {
    SpringApplication.run(DemoApplication.class, args);
  }
}
