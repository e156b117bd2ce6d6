package dev.lora4j.spi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

class CallTargetsTest {

  private final Call.Targets targets = new Call.Targets("http://127.0.0.1:8080/api");

  @Test
  void aPathIsResolvedOnceAndThenLookedUp() {
    Call first = targets.json("POST", "task_result_query", null, HttpErrorMapper.standard());
    Call second = targets.json("POST", "task_result_query", null, HttpErrorMapper.standard());

    assertThat(first.uri).isEqualTo(URI.create("http://127.0.0.1:8080/api/task_result_query"));
    assertThat(second.uri).isSameAs(first.uri);
    assertThat(second).isNotSameAs(first);
  }

  @Test
  void callsToOneTargetShareTheirRequestUntilTheMethodChanges() {
    HttpClient http = HttpClient.create();
    Call first = targets.json("POST", "task_result_query", null, HttpErrorMapper.standard());
    Call second = targets.json("POST", "task_result_query", null, HttpErrorMapper.standard());
    Call other = targets.json("POST", "task_cancel", null, HttpErrorMapper.standard());

    assertThat(second.sender(http)).isSameAs(first.sender(http));
    assertThat(other.sender(http)).isNotSameAs(first.sender(http));
    Call get = targets.json("GET", "task_result_query", null, HttpErrorMapper.standard());
    assertThat(get.sender(http)).isNotSameAs(first.sender(http));
    assertThat(first.sender(HttpClient.create())).isNotSameAs(get.sender(http));
  }

  @Test
  void aLeadingSlashIsIgnoredAndTheQueryIsNotPartOfTheName() {
    Call call = targets.json("GET", "/tasks/a%20b?verbose=1", null, HttpErrorMapper.standard());

    assertThat(call.uri).isEqualTo(URI.create("http://127.0.0.1:8080/api/tasks/a%20b?verbose=1"));
    assertThat(call.name).isEqualTo("tasks/a%20b");
  }

  @Test
  void pathsBeyondTheCacheAreStillResolved() {
    for (int i = 0; i < Call.Targets.MAX_CACHED + 10; i++) {
      assertThat(targets.json("GET", "tasks/" + i, null, HttpErrorMapper.standard()).uri)
          .isEqualTo(URI.create("http://127.0.0.1:8080/api/tasks/" + i));
    }
  }

  @Test
  void aBadPathFailsEveryTime() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> targets.json("GET", "/ ", null, HttpErrorMapper.standard()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("path must not be blank, was '/ '");
      assertThatThrownBy(() -> targets.json("GET", "a b", null, HttpErrorMapper.standard()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("path must form a valid URI below http://127.0.0.1:8080/api, was 'a b'");
    }
  }
}
