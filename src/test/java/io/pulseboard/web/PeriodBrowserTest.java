package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Revised values, the time zone choice and the "as of" date in a real Chromium against a real
 * Pulseboard with the report's seed data.
 */
class PeriodBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String OFFICES = ".kpi-tile[data-metric='offices'][data-labels='{\"region\":\"global\"}']";
  private static final String SIGNUPS = ".kpi-tile[data-metric='signups']";
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  /** Midnight at the start of 2026-01-02 in Seoul. */
  private static final Instant SEOUL_JAN_2 = Instant.parse("2026-01-01T15:00:00Z");
  private static Instant now;
  private static Instant seoulQuarter;

  @RegisterExtension
  static final PageSession PAGE = new PageSession();

  private static Vertx vertx;
  private static Pulseboard app;
  private static Http http;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void start() {
    vertx = PAGE.vertx();
    app = PAGE.app();
    http = PAGE.http();
    base = PAGE.base();
    browser = PAGE.browser();
    // The seed has 12 offices worldwide on 2025-09-10; a correction makes it 13.
    assertThat(http.postPoints(Http.regionPoint("offices", "global", "2025-09-10T00:00:00Z", 13)).statusCode())
        .isEqualTo(200);
    // A sum metric: one point at the start of this quarter in Seoul (the evening before in UTC)
    // and one a minute ago.
    assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/signups", """
        {"name":"Sign-ups","unit":"users","labels":["region"],"cadence":"P1D","display":"number","aggregation":"sum"}""")
        .statusCode()).isEqualTo(201);
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ZonedDateTime month = now.atZone(SEOUL).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
    seoulQuarter = month.withMonth((month.getMonthValue() - 1) / 3 * 3 + 1).toInstant();
    assertThat(http.postPoints(new JsonObject().put("points", new JsonArray()
        .add(point("signups", "kr", seoulQuarter, 2000))
        .add(point("signups", "kr", now.minusSeconds(60), 1234)))).statusCode()).isEqualTo(200);
    // A daily series whose newest point is midnight in Seoul, 15:00 the day before in UTC.
    assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/night_orders", """
        {"name":"Night orders","unit":"orders","labels":["region"],"cadence":"P1D","display":"number"}""")
        .statusCode()).isEqualTo(201);
    JsonArray nights = new JsonArray();
    for (int day = 40; day >= 0; day--) {
      nights.add(point("night_orders", "kr", SEOUL_JAN_2.minus(day, ChronoUnit.DAYS), 100 + day));
    }
    assertThat(http.postPoints(new JsonObject().put("points", nights)).statusCode()).isEqualTo(200);
  }

  private static JsonObject point(String metric, String region, Instant ts, double value) {
    return new JsonObject().put("metric", metric).put("labels", new JsonObject().put("region", region))
        .put("ts", ts.toString()).put("value", value);
  }

  private WebElement revisedMarker(String query) {
    browser.open(base + query);
    browser.await(WAIT, "the offices tile", d -> !d.findElements(By.cssSelector(OFFICES + " .kpi-tile__value")).isEmpty()
        && !d.findElement(By.cssSelector(OFFICES + " .kpi-tile__value")).getText().isBlank());
    return browser.find(OFFICES + " .kpi-tile__revised");
  }

  @Test
  void a_revised_value_is_marked_with_the_old_value_as_text_on_hover() {
    WebElement marker = revisedMarker("?lang=en");
    assertThat(browser.find(OFFICES + " .kpi-tile__value").getText()).isEqualTo("13 offices");
    assertThat(marker.isDisplayed()).isTrue();
    assertThat(marker.getText()).matches("revised (now|\\d+ seconds? ago|\\d+ minutes? ago)");
    assertThat(marker.getAttribute("title")).startsWith("Was 12 offices until ");
    assertThat(marker.getAttribute("aria-label")).contains("Was 12 offices");
    assertThat(browser.find(".kpi-tile[data-metric='weekly_users'] .kpi-tile__revised").isDisplayed()).isFalse();
  }

  @Test
  void the_marker_speaks_korean_in_the_dark_theme() {
    browser.open(base + "?lang=ko");
    browser.js("localStorage.setItem('pulseboard.theme', 'dark');");
    WebElement marker = revisedMarker("?lang=ko");
    assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo("dark");
    assertThat(marker.getText()).endsWith("수정됨");
    assertThat(marker.getAttribute("title")).endsWith("까지 12곳");
    assertThat(browser.find("[data-period-controls] .period-controls__label").getText()).isEqualTo("시간대");
  }

  @Test
  void the_time_zone_defaults_to_the_browsers_is_shown_and_remembered() {
    revisedMarker("?lang=en");
    String browserZone = (String) browser.js("return Intl.DateTimeFormat().resolvedOptions().timeZone");
    WebElement zone = browser.find("[data-time-zone]");
    assertThat(zone.getAttribute("value")).isEqualTo(browserZone);
    browser.js("const s = document.querySelector('[data-time-zone]'); s.value = 'Asia/Seoul';"
        + " s.dispatchEvent(new Event('change'));");
    revisedMarker("?lang=en");
    assertThat(browser.find("[data-time-zone]").getAttribute("value")).isEqualTo("Asia/Seoul");
    assertThat(browser.js("return localStorage.getItem('pulseboard.timeZone')")).isEqualTo("Asia/Seoul");
  }

  @Test
  void as_of_a_date_before_the_correction_shows_the_old_value_under_a_banner() {
    revisedMarker("?lang=en");
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
    browser.js("const s = document.querySelector('[data-time-zone]'); s.value = 'UTC'; s.dispatchEvent(new Event('change'));"
        + "const d = document.querySelector('[data-as-of]'); d.value = arguments[0];"
        + " d.dispatchEvent(new Event('change'));", yesterday);
    // The seed was written when the server started, after that day: nothing was known then.
    browser.await(WAIT, "the banner", d -> d.findElement(By.cssSelector("[data-as-of-banner]")).isDisplayed());
    assertThat(browser.find("[data-as-of-banner]").getText()).contains(yesterday).contains("UTC");
    browser.await(WAIT, "no offices tile as of then", d -> d.findElements(By.cssSelector(OFFICES)).isEmpty()
        || d.findElement(By.cssSelector(OFFICES + " .kpi-tile__value")).getText().equals("No data yet"));
    browser.find("[data-as-of-clear]").click();
    browser.await(WAIT, "the live value again", d -> !d.findElements(By.cssSelector(OFFICES + " .kpi-tile__value")).isEmpty()
        && d.findElement(By.cssSelector(OFFICES + " .kpi-tile__value")).getText().equals("13 offices"));
    assertThat(browser.find("[data-as-of-banner]").isDisplayed()).isFalse();
  }

  /** The chart's time ticks as [seconds, label] pairs. */
  private static JsonArray ticksOf(org.openqa.selenium.WebDriver d) {
    java.util.List<WebElement> charts = d.findElements(By.cssSelector(".time-chart[data-x-ticks]"));
    return charts.isEmpty() ? new JsonArray() : new JsonArray(charts.get(0).getAttribute("data-x-ticks"));
  }

  private JsonArray shownTicks() {
    return new JsonArray((String) browser.js(
        "const c = document.querySelector('.time-chart[data-x-ticks]'); return c ? c.dataset.xTicks : '[]';"));
  }

  /** Whether every tick is at midnight in `zone` (and there are a few). */
  private static boolean atMidnights(JsonArray ticks, ZoneId zone) {
    return ticks.size() >= 3 && ticks.stream().allMatch(t ->
        Instant.ofEpochSecond(((JsonArray) t).getLong(0)).atZone(zone).toLocalTime().toSecondOfDay() == 0);
  }

  /** Picks `zone` in the header, as a user does, and waits for the open chart to lay its axis out in it. */
  private JsonArray chartTicks(String zone) {
    browser.js("const s = document.querySelector('[data-time-zone]'); s.value = arguments[0];"
        + " s.dispatchEvent(new Event('change'));", zone);
    browser.await(WAIT, "ticks at midnights in " + zone, d -> atMidnights(ticksOf(d), ZoneId.of(zone)));
    return shownTicks();
  }

  @Test
  void the_charts_time_axis_falls_on_midnights_of_the_chosen_zone_and_reads_in_it() {
    DateTimeFormatter day = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    browser.open(base + "?lang=en#/metrics/night_orders?range=30d");
    browser.await(WAIT, "the chart", d -> ticksOf(d).size() >= 3);
    JsonArray utc = chartTicks("UTC");
    JsonArray seoul = chartTicks("Asia/Seoul");
    assertThat(utc).isNotEmpty();
    assertThat(seoul).isNotEmpty();
    boolean seoulJan2 = false;
    for (Object o : seoul) {
      JsonArray tick = (JsonArray) o;
      Instant at = Instant.ofEpochSecond(tick.getLong(0));
      // Each tick is midnight in Seoul (15:00 UTC the day before) and is labelled with Seoul's date.
      assertThat(at.atZone(SEOUL).toLocalTime().toSecondOfDay()).as(tick.encode()).isZero();
      assertThat(tick.getString(1)).as(tick.encode()).isEqualTo(day.format(at.atZone(SEOUL)))
          .isNotEqualTo(day.format(at.atZone(ZoneOffset.UTC)));
      if (at.equals(SEOUL_JAN_2)) {
        seoulJan2 = true;
        assertThat(tick.getString(1)).isEqualTo("Jan 2");
      }
    }
    assertThat(seoulJan2).as("a tick at the newest point, %s", seoul.encode()).isTrue();
    for (Object o : utc) {
      JsonArray tick = (JsonArray) o;
      Instant at = Instant.ofEpochSecond(tick.getLong(0));
      assertThat(at.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay()).as(tick.encode()).isZero();
      assertThat(tick.getString(1)).as(tick.encode()).isEqualTo(day.format(at.atZone(ZoneOffset.UTC)));
    }
    // Opened afresh with Seoul chosen, the chart starts in Seoul.
    browser.open(base + "?lang=ko#/metrics/night_orders?range=30d");
    browser.await(WAIT, "ticks at midnights in Seoul", d -> atMidnights(ticksOf(d), SEOUL));
    assertThat(shownTicks().stream().map(t -> ((JsonArray) t).getString(1)))
        .allMatch(label -> label.matches("\\d+월 \\d+일"));
  }

  @Test
  void a_sum_metrics_tile_shows_its_month_and_quarter_so_far_in_the_chosen_zone() {
    boolean quarterStartsThisMonth = now.atZone(SEOUL).getMonthValue() % 3 == 1;
    browser.js("localStorage.setItem('pulseboard.timeZone', 'Asia/Seoul');");
    browser.open(base + "?lang=en");
    browser.await(WAIT, "the sign-ups totals", d -> !d.findElements(By.cssSelector(SIGNUPS + " .kpi-tile__to-date")).isEmpty()
        && d.findElement(By.cssSelector(SIGNUPS + " .kpi-tile__to-date")).isDisplayed());
    String seoulText = "This month: " + (quarterStartsThisMonth ? "3.2K" : "1.2K") + " users · This quarter: 3.2K users";
    assertThat(browser.find(SIGNUPS + " .kpi-tile__to-date").getText()).isEqualTo(seoulText);
    // The live snapshot (in UTC) does not replace the figures counted in Seoul.
    browser.await(WAIT, "the live connection", d -> d.findElement(By.cssSelector("[data-status-pill]")).getText().equals("Live"));
    assertThat(browser.find(SIGNUPS + " .kpi-tile__to-date").getText()).isEqualTo(seoulText);
    // In UTC the quarter starts after the point at Seoul's quarter start.
    browser.js("const s = document.querySelector('[data-time-zone]'); s.value = 'UTC'; s.dispatchEvent(new Event('change'));");
    browser.await(WAIT, "the totals in UTC", d -> d.findElement(By.cssSelector(SIGNUPS + " .kpi-tile__to-date")).getText()
        .equals("This month: 1.2K users · This quarter: 1.2K users"));
    assertThat(browser.find(OFFICES + " .kpi-tile__to-date").isDisplayed()).isFalse();
    browser.open(base + "?lang=ko");
    browser.await(WAIT, "the totals in Korean", d -> !d.findElements(By.cssSelector(SIGNUPS + " .kpi-tile__to-date")).isEmpty()
        && d.findElement(By.cssSelector(SIGNUPS + " .kpi-tile__to-date")).getText().startsWith("이번 달: "));
    assertThat(browser.find(SIGNUPS + " .kpi-tile__to-date").getText()).contains(" · 이번 분기: ");
  }
}
