package dev.lora4j.spring;

import dev.lora4j.spi.TaskProviderFactory;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when a lora4j provider's jar is on the class path (a {@link TaskProviderFactory} service). */
final class OnProviderCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    ClassLoader loader = context.getClassLoader() != null ? context.getClassLoader() : getClass().getClassLoader();
    Iterator<TaskProviderFactory> found = ServiceLoader.load(TaskProviderFactory.class, loader).iterator();
    while (true) {
      try {
        if (!found.hasNext()) {
          return ConditionOutcome.noMatch("no lora4j provider (a " + TaskProviderFactory.class.getName()
              + " service, such as lora4j-provider-xalora or lora4j-provider-wiro) is on the class path");
        }
        String name = found.next().description().name();
        return ConditionOutcome.match("lora4j provider " + name + " is on the class path");
      } catch (ServiceConfigurationError e) {
        // a declared provider that cannot be loaded does not count; look at the next one
      }
    }
  }
}
