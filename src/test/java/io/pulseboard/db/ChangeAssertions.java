package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.TestDatabase;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** Changes as the feed reads them, and compared as the feed's clients see them. */
final class ChangeAssertions {
  private ChangeAssertions() {}

  /** The changes after {@code after}, as the change feed reads them (up to 5 000). */
  static List<Change> read(Pool pool, long after) {
    return new ChangeRepository(pool).since(after, 5000).await();
  }

  /** The highest seq stored in the database at this URL (0 when none). */
  static long head(String db) {
    return TestDatabase.queryLong(db, "SELECT coalesce(max(seq), 0) FROM points");
  }

  /** Equal as the feed's clients see them: record equality, label order, and the value's bits. */
  static void assertSameChanges(List<Change> actual, List<Change> read) {
    assertThat(actual).isEqualTo(read);
    for (int i = 0; i < read.size(); i++) {
      assertThat(List.copyOf(actual.get(i).labels().keySet())).isEqualTo(List.copyOf(read.get(i).labels().keySet()));
      assertThat(Double.doubleToRawLongBits(actual.get(i).value()))
          .isEqualTo(Double.doubleToRawLongBits(read.get(i).value()));
    }
  }
}
