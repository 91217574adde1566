package io.pulseboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pulseboard.db.Metric;
import io.pulseboard.db.PointInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the CSV reading of an import (everything but the database): any
 * bytes give points or a 400, 415 or 422 problem, never another exception (a 500). Without
 * {@code JAZZER_FUZZ} this replays the inputs in {@code CsvRowsFuzzTestInputs}.
 */
class CsvRowsFuzzTest {
  private static final Map<String, Metric> KNOWN = Map.of("weekly_users",
      new Metric("weekly_users", "Weekly users", "users", "", List.of("region", "city"), "P7D", "number", null));

  @FuzzTest(maxDuration = "30s")
  void any_body_gives_points_or_a_client_problem_never_another_exception(FuzzedDataProvider data) throws IOException {
    byte[] body = data.consumeRemainingAsBytes();
    try (CsvRecords records = CsvRecords.of(new ByteArrayInputStream(body))) {
      CsvRecords.Record header = records.next(Integer.MAX_VALUE, 0);
      if (header == null) {
        return;
      }
      CsvColumns columns = CsvColumns.of(header.cells(), header.cellCount());
      Problem problem = Problem.invalid("rows");
      CsvRecords.Record record;
      for (long row = 1; (record = records.next(columns.count(), row)) != null; row++) {
        if (record.cellCount() == columns.count()) {
          PointInput point = PointItem.checkRow(columns.item(record.cells()), "/rows/" + row, KNOWN, problem);
          assertThat(point != null || problem.hasErrors()).isTrue();
        }
      }
    } catch (Problem rejected) {
      assertThat(rejected.status()).isIn(400, 415, 422);
    }
  }

}
