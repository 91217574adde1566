package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Changes compared as the feed's clients see them. */
final class ChangeAssertions {
  private ChangeAssertions() {}

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
