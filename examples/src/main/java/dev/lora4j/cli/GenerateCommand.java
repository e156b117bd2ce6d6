package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import dev.lora4j.TextToImage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import reactor.core.publisher.Mono;

/** {@code lora4j generate}: submit a text-to-image task, show its status, save the image. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate an image from a prompt with a LoRA model, show the task's status, and save the image.")
final class GenerateCommand implements Callable<Integer> {

  @ParentCommand
  Lora4jCommand root;

  @Parameters(arity = "0..1", paramLabel = "PROMPT", description = "What to draw (default: the seed's gecko prompt).")
  String prompt;

  @Option(names = "--lora", description = "The LoRA model (default: one the provider's simulator knows, where the command knows one).")
  String lora;

  @Option(names = "--width", description = "Width in pixels (64 to 2048).")
  Integer width;

  @Option(names = "--height", description = "Height in pixels (64 to 2048).")
  Integer height;

  @Option(names = "--steps", description = "Inference steps.")
  Integer steps;

  @Option(names = "--seed", description = "Noise seed.")
  Long seed;

  @Option(names = "--guidance", description = "Guidance scale.")
  Double guidance;

  @Option(names = "--provider", description = "The provider's name, as 'lora4j providers' lists them (default: LORA4J_PROVIDER, else chosen).")
  String provider;

  @Mixin
  FollowOptions follow;

  @Mixin
  SettingOptions settings;

  @Option(names = "--detach", description = "Print the task's handle and exit without waiting.")
  boolean detach;

  @Override
  public Integer call() {
    Display display = root.display();
    Backend.Choice chosen = Backend.choose(root.context.env(), provider, settings.settings());
    TextToImage request = request(chosen.name());
    try (Backend backend = Backend.open(root.context, chosen, follow.pollInterval, true)) {
      // cached: Ctrl-C during the submission waits for this one answer and cancels that task
      Mono<TaskHandle> submission = backend.client().submit(request).cache();
      root.context.interrupts().arm(backend.client(), submission);
      TaskHandle handle;
      try {
        handle = submission.block();
      } catch (RuntimeException e) {
        root.context.interrupts().disarm();
        throw e;
      }
      if (handle == null) {
        throw new IllegalStateException("the provider answered without a task");
      }
      if (detach) {
        root.context.interrupts().disarm();
        if (backend.embedded()) {
          display.notice("Note: the embedded simulator stops with this process; use a real account or 'lora4j simulate' to resume tasks later.");
        }
        display.handle(handle);
        return ExitCodes.FINISHED;
      }
      display.submitted(handle);
      return TaskFollower.follow(root.context, backend, handle, follow.watchOptions(), follow.out, display);
    }
  }

  private TextToImage request(String providerName) {
    String chosenLora = lora != null ? lora
        : Embedded.defaultLora(providerName)
            .orElseThrow(() -> new IllegalArgumentException("--lora is required for provider " + providerName));
    TextToImage.Builder b = TextToImage.builder()
        .prompt(prompt == null ? Embedded.SEED_PROMPT : prompt)
        .lora(chosenLora);
    if (width != null) {
      b.width(width);
    }
    if (height != null) {
      b.height(height);
    }
    if (steps != null) {
      b.steps(steps);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (guidance != null) {
      b.guidance(guidance);
    }
    return b.build();
  }
}
