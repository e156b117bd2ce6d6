package dev.lora4j.xalora;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An Upscaler task: task type {@value #TASK_TYPE}, parameter {@code image} (the URL of the image to
 * upscale). Xalora documents no default workflow id for it, so {@link Builder#workflowId} is
 * required.
 */
public final class UpscalerTask extends WorkflowTask {

  /** The task type sent for the Upscaler. */
  public static final String TASK_TYPE = "upscaler";

  private final URI image;

  private UpscalerTask(Builder b) {
    super(b, null);
    this.image = Objects.requireNonNull(b.image);
  }

  /**
   * Starts a task.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String taskType() {
    return TASK_TYPE;
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("image", image.toString());
  }

  /**
   * Returns the URL of the image to upscale.
   *
   * @return the URL
   */
  public URI image() {
    return image;
  }

  /** Builds an {@link UpscalerTask}. Not thread-safe. */
  public static final class Builder extends WorkflowTask.Builder<UpscalerTask, Builder> {
    private @Nullable URI image;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the image to upscale.
     *
     * @param image an absolute http or https URL the sequencer's miners can fetch
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Builder image(URI image) {
      Objects.requireNonNull(image, "image");
      String scheme = image.getScheme();
      if (!image.isAbsolute() || image.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException("image must be an absolute http(s) URL, was " + image);
      }
      this.image = image;
      return this;
    }

    /**
     * Sets the image to upscale.
     *
     * @param image an absolute http or https URL
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Builder image(String image) {
      Objects.requireNonNull(image, "image");
      try {
        return image(URI.create(image.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("image must be an absolute http(s) URL, was " + image, e);
      }
    }

    @Override
    public UpscalerTask build() {
      requireWorkflowId(TASK_TYPE);
      if (image == null) {
        throw new IllegalStateException("image is required");
      }
      return new UpscalerTask(this);
    }
  }
}
