package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The writers' lock key is written in SQL (the write function) and in Java (a metric's PUT). */
class WritersLockKeyTest {
  @Test
  void a_metric_put_takes_the_lock_the_write_function_takes() throws IOException {
    for (String migration : new String[] {"V006__create_write_points_function", "V019__faster_point_writes",
        "V022__append_only_point_writes", "V023__changes_in_the_notification", "V024__changes_in_the_write_answer",
        "V025__write_by_label_set"}) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream("sql/" + migration + ".sql")) {
        assertThat(in).as(migration).isNotNull();
        String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sql).as(migration).contains("pg_advisory_xact_lock(" + MetricRepository.WRITERS_LOCK_KEY + ")");
      }
    }
  }
}
