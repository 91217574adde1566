package io.pulseboard.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pulseboard.db.Goal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link GoalStatus} against {@code goal-cases.json}, the cases the page's {@code goal.js} is
 * tested against too: one rule of status and pacing, two implementations kept equal.
 */
class GoalCasesTest {
  @TestFactory
  Stream<DynamicTest> status_and_pacing_follow_the_shared_cases() throws Exception {
    JsonArray all = new JsonArray(Files.readString(Path.of("src/test/resources/goal-cases.json")));
    assertThat(all.size()).as("cases").isGreaterThanOrEqualTo(20);
    return all.stream().map(JsonObject.class::cast)
        .map(c -> DynamicTest.dynamicTest(c.getString("name"), () -> check(c)));
  }

  private static void check(JsonObject c) {
    Goal goal = goal(c.getJsonObject("goal"));
    double value = c.getDouble("value");
    LocalDate today = LocalDate.parse(c.getString("today"));
    JsonObject first = c.getJsonObject("first");
    GoalStatus.First start = first == null ? null
        : new GoalStatus.First(first.getDouble("value"), LocalDate.parse(first.getString("date")));

    assertThat(GoalStatus.status(goal, value).json()).isEqualTo(c.getString("status"));
    GoalStatus.Pacing pacing = GoalStatus.pacing(goal, value, today, start);
    JsonObject expected = c.getJsonObject("pacing");
    if (expected == null) {
      assertThat(pacing).isNull();
    } else {
      assertThat(pacing).isNotNull();
      assertThat(pacing.expected()).isCloseTo(expected.getDouble("expected"), within(1e-9));
      assertThat(pacing.delta()).isCloseTo(expected.getDouble("delta"), within(1e-9));
      assertThat(pacing.ahead()).isEqualTo(expected.getBoolean("ahead"));
    }
  }

  /** A goal as the cases (and the API) write it. */
  static Goal goal(JsonObject json) {
    Map<String, String> labels = new HashMap<>();
    json.getJsonObject("labels", new JsonObject()).forEach(e -> labels.put(e.getKey(), (String) e.getValue()));
    JsonObject baseline = json.getJsonObject("baseline");
    JsonObject bands = json.getJsonObject("bands");
    return new Goal(null, json.getString("metric"), labels, json.getDouble("target"),
        Goal.Direction.of(json.getString("direction")),
        json.getString("due") == null ? null : LocalDate.parse(json.getString("due")),
        baseline == null ? null : new Goal.Baseline(baseline.getDouble("value"), LocalDate.parse(baseline.getString("date"))),
        bands == null ? null : new Goal.Bands(bands.getDouble("warn"), bands.getDouble("critical"),
            !"value".equals(bands.getString("unit"))));
  }

}
