package dev.lora4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.InvalidRequestException;
import dev.lora4j.TaskRequest;
import dev.lora4j.TextToImage;
import dev.lora4j.UnsupportedRequestException;
import org.junit.jupiter.api.Test;

class RequestMappingTest {

  /** A provider's own request type. */
  record Native(String prompt) {}

  /** A typed request of the provider. */
  record Own(String prompt) implements TaskRequest {}

  /** A subtype, mapped by its supertype's mapping. */
  record Other() implements TaskRequest {}

  private static final Range WIDTH = Range.of(64, 1024);

  private static final RequestMapping<Native> MAPPING = RequestMapping.builder("acme", Native.class)
      .on(TextToImage.class, t -> {
        if (t.samples().orElse(1) != 1) {
          throw new UnsupportedRequestException("acme makes one image per task; samples must be 1, was " + t.samples().getAsInt());
        }
        t.width().ifPresent(w -> WIDTH.check("width", w));
        return new Native(t.prompt());
      })
      .on(Own.class, own -> new Native(own.prompt()))
      .build();

  @Test
  void mapsEachTypeWithItsMapping() {
    assertThat(MAPPING.map(TextToImage.of("a fox", "l"))).isEqualTo(new Native("a fox"));
    assertThat(MAPPING.map(new Own("a cat"))).isEqualTo(new Native("a cat"));
    assertThat(MAPPING.supportedTypes()).containsExactly(TextToImage.class, Own.class);
  }

  @Test
  void anUnmappedTypeIsUnsupportedAndTheMessageListsTheSupportedTypes() {
    assertThatThrownBy(() -> MAPPING.map(new Other()))
        .isInstanceOf(UnsupportedRequestException.class)
        .hasMessage("the acme provider runs TextToImage and Own, not " + Other.class.getName());
    RequestMapping<Native> three = RequestMapping.builder("acme", Native.class)
        .on(TextToImage.class, t -> new Native(t.prompt()))
        .on(Own.class, o -> new Native(o.prompt()))
        .on(Other.class, o -> new Native("other"))
        .build();
    assertThatThrownBy(() -> three.map(new TaskRequest() {}))
        .hasMessageStartingWith("the acme provider runs TextToImage, Own and Other, not ");
  }

  @Test
  void aValueTheProviderCannotHonourStaysUnsupported() {
    assertThatThrownBy(() -> MAPPING.map(TextToImage.builder().prompt("p").lora("l").samples(2).build()))
        .isInstanceOf(UnsupportedRequestException.class)
        .hasMessage("acme makes one image per task; samples must be 1, was 2");
  }

  @Test
  void aValueOutsideTheProvidersRangeIsAnInvalidRequestNamingIt() {
    assertThatThrownBy(() -> MAPPING.map(TextToImage.builder().prompt("p").lora("l").width(2048).build()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.statusCode()).isEmpty())
        .hasMessage("the TextToImage request does not fit acme: width must be between 64 and 1024, was 2048")
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFirstMatchingMappingWins() {
    RequestMapping<String> mapping = RequestMapping.builder("acme", String.class)
        .on(Own.class, o -> "own")
        .on(TaskRequest.class, r -> "any")
        .build();
    assertThat(mapping.map(new Own("p"))).isEqualTo("own");
    assertThat(mapping.map(new Other())).isEqualTo("any");
  }

  @Test
  void theBuilderRefusesAMappingTwiceAndAnEmptyMapping() {
    RequestMapping.Builder<String> b = RequestMapping.builder("acme", String.class).on(Own.class, o -> "own");
    assertThatThrownBy(() -> b.on(Own.class, o -> "again")).hasMessage(Own.class.getName() + " is mapped already");
    assertThatThrownBy(() -> RequestMapping.builder("acme", String.class).build())
        .hasMessage("a request mapping needs at least one request type");
    assertThatThrownBy(() -> RequestMapping.builder(" ", String.class)).hasMessage("provider must not be blank");
  }
}
