package io.pulseboard.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Callers share reads, and never get one that started before they asked. */
class NextReadTest {
  private final List<Promise<Integer>> reads = new ArrayList<>();
  private final NextRead<String, Integer> shared = new NextRead<>(key -> {
    Promise<Integer> read = Promise.promise();
    reads.add(read);
    return read.future();
  });

  @Test
  void a_caller_while_a_read_runs_gets_the_next_read_shared_with_every_other_caller_meanwhile() {
    Future<Integer> first = shared.get("k");
    List<Future<Integer>> later = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      later.add(shared.get("k"));
    }
    assertThat(reads).as("one read running, none started for the callers after it").hasSize(1);
    reads.get(0).complete(1);
    assertThat(first.result()).isEqualTo(1);
    assertThat(later).allMatch(f -> !f.isComplete());
    assertThat(reads).as("the next read starts when the first ends").hasSize(2);
    reads.get(1).complete(2);
    assertThat(later).allMatch(f -> f.result() == 2);
    assertThat(reads).hasSize(2);
  }

  @Test
  void keys_are_read_apart_and_a_failed_read_fails_only_its_callers() {
    Future<Integer> a = shared.get("a");
    Future<Integer> b = shared.get("b");
    assertThat(reads).hasSize(2);
    reads.get(0).fail("down");
    reads.get(1).complete(7);
    assertThat(a.failed()).isTrue();
    assertThat(b.result()).isEqualTo(7);
    Future<Integer> again = shared.get("a");
    assertThat(reads).as("a failed read is not kept").hasSize(3);
    reads.get(2).complete(3);
    assertThat(again.result()).isEqualTo(3);
  }
}
