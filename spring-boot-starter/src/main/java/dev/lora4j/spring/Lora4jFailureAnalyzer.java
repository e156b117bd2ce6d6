package dev.lora4j.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@link Lora4jConfigurationException} at start-up with what to set. */
final class Lora4jFailureAnalyzer extends AbstractFailureAnalyzer<Lora4jConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, Lora4jConfigurationException cause) {
    return new FailureAnalysis("lora4j could not create its TaskClient: " + cause.getMessage(), cause.action(), cause);
  }
}
