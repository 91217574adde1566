package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Goals and alerts in the page, against a real Pulseboard: goals, rules and points go in through
 * the API, as a team would send them, and the page follows live, without a reload.
 */
class GoalsBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration LIVE = Duration.ofSeconds(3);

  private Vertx vertx;
  private Pulseboard app;
  private Http http;
  private Browser browser;
  private Instant clock = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    app = TestApp.start();
    http = new Http(vertx, app.port());
    browser = Browser.start();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    } finally {
      try {
        browser.close();
        http.close();
        app.close();
      } finally {
        vertx.close().await();
      }
    }
  }

  private String base() {
    return "http://127.0.0.1:" + app.port() + "/";
  }

  private static String tile(String metric, String region) {
    return ".kpi-tile[data-metric='" + metric + "'][data-labels='{\"region\":\"" + region + "\"}']";
  }

  private JsonObject send(HttpMethod method, String path, JsonObject body, int status) {
    HttpResponse<Buffer> response = http.send(method, path, body.encode());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.bodyAsString()).isEqualTo(status);
    return response.body() == null || response.body().length() == 0 ? new JsonObject() : response.bodyAsJsonObject();
  }

  /** Posts a point a minute after the previous one, so each is the series' latest. */
  private void point(String metric, String region, double value) {
    clock = clock.plusSeconds(60);
    assertThat(http.postPoints(Http.regionPoint(metric, region, clock.toString(), value)).statusCode()).isEqualTo(200);
  }

  private void churnMetric() {
    send(HttpMethod.PUT, "/api/v1/metrics/churn_rate", new JsonObject()
        .put("name", new JsonObject().put("en", "Monthly churn").put("ko", "월간 이탈률"))
        .put("unit", "%").put("display", "percent").put("cadence", "P30D")
        .put("labels", new JsonArray().add("region")), 201);
  }

  private JsonObject goal(String metric, String region, double target, String direction) {
    return new JsonObject().put("metric", metric).put("labels", new JsonObject().put("region", region))
        .put("target", target).put("direction", direction);
  }

  private void openDashboard(String query) {
    browser.open(base() + query);
    browser.await(WAIT, "tiles", d -> !d.findElements(By.cssSelector(".kpi-tile .kpi-tile__value")).isEmpty());
    browser.await(WAIT, "live", d -> "live".equals(d.findElement(By.cssSelector("[data-status-pill]")).getAttribute("data-status")));
    browser.js("window.notReloaded = true");
  }

  private String status(String tile) {
    return browser.find(tile).getAttribute("data-goal-status");
  }

  private String serverStatus(String metric, String region) {
    JsonObject answer = http.get("/api/v1/metrics/" + metric).bodyAsJsonObject();
    return answer.getJsonArray("series").stream().map(JsonObject.class::cast)
        .filter(s -> region.equals(s.getJsonObject("labels").getString("region")))
        .findFirst().orElseThrow().getJsonObject("goal").getString("status");
  }

  @Test
  void the_old_goal_number_of_a_metric_still_shows_as_its_series_goal() {
    send(HttpMethod.PUT, "/api/v1/metrics/churn_rate", new JsonObject()
        .put("name", "Monthly churn").put("unit", "%").put("display", "percent").put("cadence", "P30D")
        .put("labels", new JsonArray().add("region")).put("goal", 10), 201);
    point("churn_rate", "kr", 5);
    openDashboard("?lang=en");
    String tile = tile("churn_rate", "kr");
    browser.awaitText(tile + " .kpi-tile__goal-text", "50% of goal · Goal 10%", WAIT);
    assertThat(browser.find(tile + " .kpi-tile__status").getText()).isEqualTo("On track");
    assertThat(browser.find(tile + " .sparkline__goal").getAttribute("hidden")).as("one point draws no line").isNotNull();

    point("churn_rate", "kr", 11);
    browser.awaitText(tile + " .kpi-tile__status", "Met", LIVE);
    assertThat(browser.find(tile + " .sparkline__goal").getAttribute("hidden")).isNull();
    assertThat(browser.js("return window.notReloaded")).isEqualTo(true);
    browser.screenshot("goal-old-number");

    browser.find(tile + " .kpi-tile__link").click();
    browser.await(WAIT, "the chart", d -> !d.findElements(By.cssSelector(".metric-detail__chart canvas")).isEmpty());
    assertThat(browser.find(".metric-detail__chart .time-chart").getAttribute("data-goal")).isEqualTo("10");
    assertThat(browser.find(".metric-detail__chart figcaption").getText()).isEqualTo("kr · 11% · Goal 10% (Met)");
    browser.screenshot("goal-chart");
  }

  @Test
  void a_tile_turns_warn_then_critical_as_points_cross_the_goal_bands_and_met_at_the_target() {
    int year = LocalDate.now(ZoneOffset.UTC).getYear();
    send(HttpMethod.POST, "/api/v1/goals", goal("paid_subscribers_yoy", "kr", 4, "higher")
        .put("due", year + "-12-31")
        .put("baseline", new JsonObject().put("value", 1).put("date", year + "-01-01"))
        .put("bands", new JsonObject().put("warn", 0.9).put("critical", 0.7).put("unit", "fraction")), 201);
    point("paid_subscribers_yoy", "kr", 3.8);
    openDashboard("?lang=en");
    String tile = tile("paid_subscribers_yoy", "kr");
    browser.awaitText(tile + " .kpi-tile__status", "On track", WAIT);
    assertThat(browser.find(tile + " .kpi-tile__goal-text").getText()).startsWith("Goal ×4 by Dec 31 · ");

    point("paid_subscribers_yoy", "kr", 3.2);
    browser.awaitText(tile + " .kpi-tile__status", "Warn", LIVE);
    assertThat(status(tile)).isEqualTo("warn").isEqualTo(serverStatus("paid_subscribers_yoy", "kr"));
    assertThat(browser.find(tile + " .kpi-tile__status").getAttribute("aria-label")).isEqualTo("Goal status: Warn");

    point("paid_subscribers_yoy", "kr", 2.5);
    browser.awaitText(tile + " .kpi-tile__status", "Critical", LIVE);
    assertThat(status(tile)).isEqualTo("critical").isEqualTo(serverStatus("paid_subscribers_yoy", "kr"));
    assertThat(browser.find(tile).getAttribute("aria-label")).endsWith(": ×2.5, Critical");
    assertThat(browser.find(tile + " .kpi-tile__goal-text").getText()).contains("behind by ");

    point("paid_subscribers_yoy", "kr", 4.1);
    browser.awaitText(tile + " .kpi-tile__status", "Met", LIVE);
    assertThat(browser.find(tile + " .kpi-tile__goal-text").getText()).contains("ahead by ");
    assertThat(browser.find(tile + " .sparkline__goal").getAttribute("hidden")).isNull();
    assertThat(browser.js("return window.notReloaded")).isEqualTo(true);
    browser.screenshot("goal-tile-met");
  }

  @Test
  void when_lower_is_better_a_fall_is_green_and_said_to_be_better() {
    churnMetric();
    send(HttpMethod.POST, "/api/v1/goals", goal("churn_rate", "kr", 2, "lower")
        .put("bands", new JsonObject().put("warn", 4).put("critical", 6).put("unit", "value")), 201);
    point("churn_rate", "kr", 5);
    point("churn_rate", "kr", 4.5);
    point("weekly_users", "global", 650_000_000);
    openDashboard("?lang=en");
    String tile = tile("churn_rate", "kr");
    browser.awaitText(tile + " .kpi-tile__status", "Warn", WAIT);

    WebElement change = browser.find(tile + " .kpi-tile__change dd");
    assertThat(change.getText()).isEqualTo("−0.5 pp");
    assertThat(change.getAttribute("data-direction")).isEqualTo("down");
    assertThat(change.getAttribute("data-tone")).isEqualTo("good");
    assertThat(color(tile + " .kpi-tile__change dd")).isEqualTo(cssColor("--up"));
    WebElement tone = browser.find(tile + " .kpi-tile__tone");
    assertThat(tone.isDisplayed()).isTrue();
    assertThat(tone.getText()).isEqualTo("better");
    assertThat(browser.find(tile + " .kpi-tile__direction").getText()).isEqualTo("Lower is better");

    // Where higher is better (no goal says otherwise), a fall is still bad news.
    WebElement users = browser.find(tile("weekly_users", "global") + " .kpi-tile__change dd");
    assertThat(users.getAttribute("data-tone")).isEqualTo("bad");
    assertThat(color(tile("weekly_users", "global") + " .kpi-tile__change dd")).isEqualTo(cssColor("--down"));

    point("churn_rate", "kr", 5.5);
    browser.await(LIVE, "a rise is bad news", d ->
        "bad".equals(d.findElement(By.cssSelector(tile + " .kpi-tile__change dd")).getAttribute("data-tone")));
    assertThat(color(tile + " .kpi-tile__change dd")).isEqualTo(cssColor("--down"));
    assertThat(browser.find(tile + " .kpi-tile__tone").getText()).isEqualTo("worse");
  }

  private void assertWithinScreen(String css) {
    Number left = (Number) browser.js("return document.querySelector(arguments[0]).getBoundingClientRect().left", css);
    Number right = (Number) browser.js("return document.querySelector(arguments[0]).getBoundingClientRect().right", css);
    Number width = (Number) browser.js("return document.documentElement.clientWidth");
    assertThat(left.doubleValue()).as(css + " left edge").isGreaterThanOrEqualTo(0);
    assertThat(right.doubleValue()).as(css + " right edge").isLessThanOrEqualTo(width.doubleValue());
  }

  /** The text colour of the first element that matches, as the browser computes it (rgb(…)). */
  private String color(String css) {
    return (String) browser.js("return getComputedStyle(document.querySelector(arguments[0])).color", css);
  }

  /** A colour token of the page, as the browser computes it (rgb(…)). */
  private String cssColor(String token) {
    return (String) browser.js("const probe = document.createElement('span');"
        + "probe.style.setProperty('color', 'var(' + arguments[0] + ')'); document.body.append(probe);"
        + "const color = getComputedStyle(probe).color; probe.remove(); return color;", token);
  }

  private JsonObject thresholdRule(String name, double above) {
    return new JsonObject().put("name", name).put("metric", "churn_rate")
        .put("labels", new JsonObject().put("region", "kr")).put("kind", "threshold").put("above", above)
        .put("channels", new JsonArray()).put("enabled", true);
  }

  @Test
  void the_header_lists_a_firing_alert_with_its_count_until_it_resolves() {
    churnMetric();
    send(HttpMethod.POST, "/api/v1/alert-rules", thresholdRule("Churn above 6%", 6), 201);
    point("churn_rate", "kr", 5);
    openDashboard("?lang=en");
    assertThat(browser.find("[data-alert-list]").isDisplayed()).as("nothing fires: no list").isFalse();

    point("churn_rate", "kr", 7.5);
    browser.await(WAIT, "the alert in the header", d -> d.findElement(By.cssSelector("[data-alert-list]")).isDisplayed());
    WebElement toggle = browser.find(".alert-list__toggle");
    assertThat(toggle.getAttribute("aria-label")).isEqualTo("1 alert firing");
    assertThat(browser.find(".alert-list__count").getText()).isEqualTo("1");
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
    browser.await(WAIT, "announced", d -> d.findElement(By.cssSelector("[data-alert-announcer]"))
        .getAttribute("textContent").equals("Alert firing: Churn above 6%, Monthly churn (kr): 7.5%"));

    toggle.click();
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
    assertWithinScreen(".alert-list__panel");
    WebElement entry = browser.find(".alert-list__item .alert-list__entry");
    assertThat(browser.find(".alert-list__rule").getText()).isEqualTo("Churn above 6%");
    assertThat(browser.find(".alert-list__series").getText()).isEqualTo("Monthly churn (kr)");
    assertThat(browser.find(".alert-list__value").getText()).isEqualTo("7.5%");
    assertThat(browser.find(".alert-list__since").getText()).startsWith("since ");
    assertThat(entry.getAttribute("href")).endsWith("#/metrics/churn_rate");
    browser.screenshot("alert-list-open");

    entry.click();
    browser.await(WAIT, "the metric page", d -> d.getCurrentUrl().endsWith("#/metrics/churn_rate"));
    assertThat(browser.find(".alert-list__panel").isDisplayed()).as("closed after following the link").isFalse();

    point("churn_rate", "kr", 4);
    browser.await(WAIT, "resolved: no list", d -> !d.findElement(By.cssSelector("[data-alert-list]")).isDisplayed());
    assertThat(browser.js("return window.notReloaded")).isEqualTo(true);
  }

  @Test
  void an_alert_already_firing_shows_when_the_page_opens() {
    churnMetric();
    send(HttpMethod.POST, "/api/v1/alert-rules", thresholdRule("Churn above 6%", 6), 201);
    point("churn_rate", "kr", 5);
    point("churn_rate", "kr", 8);
    browser.await(WAIT, "the engine fires", d ->
        http.get("/api/v1/alerts?state=firing").bodyAsJsonObject().getJsonArray("alerts").size() == 1);
    openDashboard("?lang=en");
    browser.await(WAIT, "the alert in the header", d -> d.findElement(By.cssSelector("[data-alert-list]")).isDisplayed());
    assertThat(browser.find(".alert-list__count").getText()).isEqualTo("1");
  }

  @Test
  void korean_dark_theme_with_a_firing_alert_and_a_goal() {
    churnMetric();
    send(HttpMethod.POST, "/api/v1/goals", goal("churn_rate", "kr", 2, "lower")
        .put("bands", new JsonObject().put("warn", 4).put("critical", 6).put("unit", "value")), 201);
    send(HttpMethod.POST, "/api/v1/alert-rules", thresholdRule("이탈률 6% 초과", 6), 201);
    point("churn_rate", "kr", 5);
    browser.open(base() + "?lang=ko");
    browser.js("localStorage.setItem('pulseboard.theme', 'dark')");
    openDashboard("?lang=ko");
    point("churn_rate", "kr", 6.5);
    String tile = tile("churn_rate", "kr");
    browser.awaitText(tile + " .kpi-tile__status", "위험", LIVE);
    browser.await(WAIT, "the alert in the header", d -> d.findElement(By.cssSelector("[data-alert-list]")).isDisplayed());
    assertThat(browser.find(".alert-list__toggle").getAttribute("aria-label")).isEqualTo("알림 1건 발생 중");
    assertThat(browser.find(tile + " .kpi-tile__direction").getText()).isEqualTo("낮을수록 좋음");
    assertThat(browser.find(tile + " .kpi-tile__tone").getText()).isEqualTo("악화");
    browser.find(".alert-list__toggle").click();
    assertThat(browser.find(".alert-list__title").getText()).isEqualTo("발생 중인 알림");
    assertWithinScreen(".alert-list__panel");
    assertThat(browser.find(".alert-list__series").getText()).isEqualTo("월간 이탈률 (kr)");
    assertThat(browser.find(".alert-list__since").getText()).endsWith("부터");
    assertThat(browser.find("html").getAttribute("data-theme")).isEqualTo("dark");
    browser.screenshot("alerts-korean-dark");
  }

  @Test
  void on_a_phone_the_open_list_fits_the_screen_and_on_a_wall_screen_the_count_shows_without_controls() {
    churnMetric();
    send(HttpMethod.POST, "/api/v1/alert-rules", thresholdRule("Churn above 6%", 6), 201);
    point("churn_rate", "kr", 5);
    point("churn_rate", "kr", 9);
    browser.await(WAIT, "the engine fires", d ->
        http.get("/api/v1/alerts?state=firing").bodyAsJsonObject().getJsonArray("alerts").size() == 1);

    browser.size(390, 844);
    openDashboard("?lang=en");
    browser.await(WAIT, "the alert in the header", d -> d.findElement(By.cssSelector("[data-alert-list]")).isDisplayed());
    browser.find(".alert-list__toggle").click();
    assertWithinScreen(".alert-list__panel");
    browser.screenshot("alerts-phone");

    browser.size(1920, 1080);
    openDashboard("?kiosk=1&lang=en");
    browser.await(WAIT, "the alert on the wall", d -> d.findElement(By.cssSelector("[data-alert-list]")).isDisplayed());
    assertThat(browser.find(".alert-list__count").getText()).isEqualTo("1");
    assertThat(browser.find(".alert-list__rule").isDisplayed()).isTrue();
    assertThat(browser.findAll(".alert-list a")).as("no links on a wall screen").isEmpty();
    assertThat(browser.find(".alert-list__toggle").getAttribute("tabindex")).isEqualTo("-1");
    browser.screenshot("alerts-kiosk");
  }
}
