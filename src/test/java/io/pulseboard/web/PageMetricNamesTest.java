package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.db.LocalizedText;
import io.pulseboard.db.Metric;
import io.pulseboard.seed.ReportFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The page names metrics and label values only as the server does: the Korean names of the
 * report's metrics and regions live in the seed data, and none of them is written in the page.
 */
class PageMetricNamesTest {
  private static List<String> koreanSeedNames() {
    List<String> names = new ArrayList<>();
    for (Metric m : ReportFacts.metrics()) {
      names.add(m.name().texts().get("ko"));
      names.add(m.description().texts().get("ko"));
      m.labelValues().byKey().values().forEach(values -> values.values().stream()
          .map(LocalizedText::texts).forEach(t -> names.add(t.get("ko"))));
    }
    return names;
  }

  @Test
  void the_seed_data_names_every_report_metric_and_region_in_korean() {
    assertThat(koreanSeedNames()).doesNotContainNull()
        .contains("주간 활성 사용자", "주간 사용자 (전년 대비)", "유료 구독자 (전년 대비)", "지사", "한국", "전 세계", "아시아");
  }

  @Test
  void no_script_of_the_page_carries_a_metric_or_region_name() throws IOException {
    List<Path> scripts;
    try (Stream<Path> files = Files.list(Path.of("webroot/js"))) {
      scripts = files.filter(p -> p.toString().endsWith(".js")).toList();
    }
    assertThat(scripts).isNotEmpty();
    for (Path script : scripts) {
      String code = Files.readString(script);
      // As a string of its own ('한국'), not inside another word (the language switch says '한국어').
      assertThat(koreanSeedNames()).as(script.toString()).allSatisfy(name -> assertThat(code)
          .doesNotContain("'" + name + "'", "\"" + name + "\"", "`" + name + "`", ": " + name));
      // Nor a table keyed by metric id (the page once had METRIC_NAMES = {ko: {weekly_users: …}}).
      // The unit `offices` has a Korean counter word in format.js: a unit, not the metric `offices`.
      for (Metric m : ReportFacts.metrics()) {
        String key = m.id().equals(m.unit()) ? m.id() + ": '지사'" : m.id() + ": '";
        assertThat(code).as(script.toString()).doesNotContain(key, "'" + m.id() + "': ");
      }
    }
  }
}
