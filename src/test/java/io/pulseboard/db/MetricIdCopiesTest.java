package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The metric-id rule is written once in {@link Metric#ID}; the contract and the page carry copies. */
class MetricIdCopiesTest {
  private static final String RULE = Metric.ID.pattern();

  @Test
  void every_id_pattern_in_the_contract_is_the_rule() throws IOException {
    String contract;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi.yaml")) {
      contract = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> copies = new ArrayList<>();
    Matcher m = Pattern.compile("pattern: \"(\\^\\[a-z\\][^\"]*)\"").matcher(contract);
    while (m.find()) {
      copies.add(m.group(1));
    }
    assertThat(copies).isNotEmpty().allSatisfy(copy -> assertThat(copy).isEqualTo(RULE));
  }

  @Test
  void the_page_router_matches_metric_ids_by_the_rule() throws IOException {
    String route = Files.readString(Path.of("webroot/js/route.js"));
    String inner = RULE.substring(1, RULE.length() - 1);
    assertThat(route).contains("(" + inner + ")");
  }
}
