package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A metric defined through the API with Korean names, Korean names for its regions and a
 * currency unit, shown by the page in a real Chromium, in Korean and in English.
 */
class MetricNamesBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static final PageSession PAGE = new PageSession();

  private static Vertx vertx;
  private static Pulseboard app;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void start() {
    vertx = PAGE.vertx();
    app = PAGE.app();
    base = PAGE.base();
    browser = PAGE.browser();
    JsonObject revenue = new JsonObject()
        .put("name", new JsonObject().put("en", "Revenue").put("ko", "매출"))
        .put("description", new JsonObject().put("en", "Revenue per region.").put("ko", "지역별 매출."))
        .put("unit", "KRW")
        .put("labels", new JsonArray().add("region"))
        .put("label_values", new JsonObject().put("region", new JsonObject()
            .put("kr", new JsonObject().put("en", "Korea").put("ko", "한국"))
            .put("jp", new JsonObject().put("ko", "일본"))))
        .put("cadence", "P1D")
        .put("display", "number");
    try (Http http = new Http(vertx, app.port())) {
      assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/revenue", revenue.encode()).statusCode()).isEqualTo(201);
      assertThat(http.postPoints(Http.regionPoint("revenue", "kr", "2025-09-10T00:00:00Z", 1_500_000)).statusCode())
          .isEqualTo(200);
      assertThat(http.postPoints(Http.regionPoint("revenue", "jp", "2025-09-10T00:00:00Z", 800_000)).statusCode())
          .isEqualTo(200);
    }
  }

  private static String tile(String region) {
    return ".kpi-tile[data-metric='revenue'][data-labels='{\"region\":\"" + region + "\"}']";
  }

  private void openDashboard(String query) {
    browser.open(base + query);
    browser.await(WAIT, "the revenue tiles", d -> d.findElements(By.cssSelector(tile("kr") + " .kpi-tile__value"))
        .stream().anyMatch(e -> !e.getText().isBlank()));
  }

  private String text(String css) {
    return browser.find(css).getText();
  }

  @Test
  void a_metric_named_in_korean_through_the_api_is_shown_in_korean() {
    openDashboard("?lang=ko");
    assertThat(text(tile("kr") + " .kpi-tile__name")).isEqualTo("매출");
    assertThat(text(tile("kr") + " .kpi-tile__series")).isEqualTo("한국");
    assertThat(text(tile("jp") + " .kpi-tile__series")).isEqualTo("일본");
    assertThat(text(tile("kr") + " .kpi-tile__value")).isEqualTo("₩150만");
    assertThat(browser.find(tile("kr") + " .kpi-tile__value").getAttribute("title")).isEqualTo("₩1,500,000");
    assertThat(browser.find(tile("kr")).getAttribute("aria-label")).isEqualTo("매출 (한국): ₩150만");
    List<String> regions = browser.findAll(".label-filter[data-key='region'] .label-filter__option span").stream().map(WebElement::getText).toList();
    assertThat(regions).containsExactly("전체", "아시아", "전 세계", "일본", "한국");
    browser.screenshot("names-korean");
  }

  @Test
  void the_detail_view_shows_korean_names_in_its_chart_and_table() {
    browser.open(base + "?lang=ko#/metrics/revenue?range=all");
    browser.await(WAIT, "two charts", d -> d.findElements(By.cssSelector(".metric-detail__chart canvas")).size() == 2);
    assertThat(text(".metric-detail__title")).isEqualTo("매출");
    assertThat(text(".metric-detail__description")).isEqualTo("지역별 매출.");
    assertThat(browser.findAll(".metric-detail__chart figcaption").stream().map(WebElement::getText).toList())
        .containsExactlyInAnyOrder("한국 · ₩150만", "일본 · ₩80만");
    assertThat(browser.find(".metric-detail__chart[data-series='kr']").getAttribute("aria-label")).isEqualTo("매출 차트, 한국");
    browser.await(WAIT, "two rows", d -> d.findElements(By.cssSelector(".metric-detail__table tbody tr")).size() == 2);
    assertThat(browser.findAll(".metric-detail__table tbody tr").stream().map(WebElement::getText).toList())
        .anySatisfy(row -> assertThat(row).contains("한국").contains("₩1,500,000"))
        .anySatisfy(row -> assertThat(row).contains("일본").contains("₩800,000"));
    browser.screenshot("names-korean-detail");
  }

  @Test
  void in_english_the_page_uses_the_english_names_and_shows_unnamed_values_as_stored() {
    openDashboard("?lang=en");
    assertThat(text(tile("kr") + " .kpi-tile__name")).isEqualTo("Revenue");
    // The series line is set in capitals by its style; the text is as written.
    assertThat(browser.find(tile("kr") + " .kpi-tile__series").getAttribute("textContent")).isEqualTo("Korea");
    assertThat(browser.find(tile("jp") + " .kpi-tile__series").getAttribute("textContent")).isEqualTo("jp");
    assertThat(text(tile("kr") + " .kpi-tile__value")).isEqualTo("₩1.5M");
    assertThat(browser.find(tile("kr") + " .kpi-tile__value").getAttribute("title")).isEqualTo("₩1,500,000");
  }
}
