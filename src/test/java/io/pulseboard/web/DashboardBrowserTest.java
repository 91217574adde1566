package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The dashboard in a real Chromium against a real Pulseboard with the report's seed data. */
class DashboardBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Set -Ddashboard.docs=true to refresh the README's screenshot from this run. */
  private static final boolean UPDATE_DOCS = Boolean.getBoolean("dashboard.docs");

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
  }

  private void openDashboard(String query) {
    browser.open(base + query);
    browser.await(WAIT, "five tiles", d -> d.findElements(By.cssSelector(".kpi-tile .kpi-tile__value")).stream()
        .filter(e -> !e.getText().isBlank()).count() == 5);
  }

  private static String tile(String metric, String region) {
    return ".kpi-tile[data-metric='" + metric + "'][data-labels='{\"region\":\"" + region + "\"}']";
  }

  private String value(String metric, String region) {
    return browser.find(tile(metric, region) + " .kpi-tile__value").getText();
  }

  @Test
  void tiles_show_the_seed_values_in_compact_form_with_units() throws IOException {
    openDashboard("");
    assertThat(value("weekly_users", "global")).isEqualTo("700M users");
    assertThat(value("offices", "global")).isEqualTo("12 offices");
    assertThat(value("offices", "asia")).isEqualTo("3 offices");
    assertThat(value("weekly_users_yoy", "kr")).isEqualTo("×4");
    assertThat(value("paid_subscribers_yoy", "kr")).isEqualTo("×3");
    assertThat(browser.find(tile("weekly_users", "global") + " .kpi-tile__value").getAttribute("title"))
        .isEqualTo("700,000,000 users");
    assertThat(browser.find(tile("weekly_users", "global") + " .kpi-tile__name").getText()).isEqualTo("Weekly active users");

    Path desktop = browser.screenshot("dashboard-desktop");
    if (UPDATE_DOCS) {
      Files.createDirectories(Path.of("docs"));
      Files.copy(desktop, Path.of("docs", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void a_point_older_than_its_cadence_is_marked_stale() {
    openDashboard("");
    // The seed points are from 2025-09-10; weekly_users expects a point every 7 days.
    WebElement badge = browser.find(tile("weekly_users", "global") + " .kpi-tile__stale");
    assertThat(badge.isDisplayed()).isTrue();
    assertThat(badge.getText()).isEqualTo("Stale");
    assertThat(badge.getAttribute("title")).contains("P7D");
  }

  @Test
  void the_source_shows_on_hover_and_on_keyboard_focus() {
    openDashboard("");
    String source = tile("offices", "asia") + " .kpi-tile__source";
    assertThat(browser.find(source).isDisplayed()).isFalse();
    new Actions(browser.driver).moveToElement(browser.find(tile("offices", "asia"))).perform();
    browser.await(WAIT, "source on hover", d -> d.findElement(By.cssSelector(source)).isDisplayed());
    assertThat(browser.find(source).getText()).startsWith("Source: News report, 2025-09-10");

    new Actions(browser.driver).moveToElement(browser.find(".app-header__title")).perform();
    browser.await(WAIT, "source hidden", d -> !d.findElement(By.cssSelector(source)).isDisplayed());
    WebElement link = browser.find(tile("offices", "global") + " .kpi-tile__link");
    focusByKeyboard(link);
    String globalSource = tile("offices", "global") + " .kpi-tile__source";
    browser.await(WAIT, "source on focus", d -> d.findElement(By.cssSelector(globalSource)).isDisplayed());
    assertThat(link.getAttribute("aria-describedby")).isEqualTo(browser.find(globalSource).getAttribute("id"));
  }

  /** Tabs from the top of the page until the element has focus: proves it is keyboard reachable. */
  private void focusByKeyboard(WebElement target) {
    browser.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
    for (int i = 0; i < 40; i++) {
      new Actions(browser.driver).sendKeys(Keys.TAB).perform();
      if (target.equals(browser.driver.switchTo().activeElement())) {
        return;
      }
    }
    throw new AssertionError("not reachable with the Tab key: " + target);
  }

  @Test
  void korean_shows_korean_units_and_dates() {
    openDashboard("?lang=ko");
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("ko");
    assertThat(value("weekly_users", "global")).isEqualTo("7억 명");
    assertThat(value("offices", "global")).isEqualTo("12곳");
    assertThat(value("weekly_users_yoy", "kr")).isEqualTo("×4");
    assertThat(browser.find(tile("weekly_users", "global") + " .kpi-tile__name").getText()).isEqualTo("주간 활성 사용자");
    assertThat(browser.find(tile("weekly_users", "global") + " .kpi-tile__meta").getText()).startsWith("2025. 9. 10. 기준");
    assertThat(browser.find(".label-filter[data-key='region'] .label-filter__legend").getText()).isEqualTo("지역");
    browser.screenshot("dashboard-korean");
  }

  @Test
  void the_language_switch_shows_the_page_in_korean() {
    browser.open(base);
    browser.await(WAIT, "tiles", d -> !d.findElements(By.cssSelector(".kpi-tile")).isEmpty());
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
    browser.find(".app-header__lang a[lang='ko']").click();
    browser.awaitText(tile("weekly_users", "global") + " .kpi-tile__value", "7억 명", WAIT);
    assertThat(browser.driver.getCurrentUrl()).contains("lang=ko");
  }

  @Test
  void kiosk_mode_hides_the_controls_and_fills_the_screen() {
    browser.size(1920, 1080);
    openDashboard("?kiosk=1");
    assertThat(browser.find("html").getAttribute("class")).contains("kiosk");
    assertThat(browser.find(".app-header__controls").isDisplayed()).isFalse();
    assertThat(browser.find("[data-label-filters]").isDisplayed()).isFalse();
    assertThat(browser.find("[data-theme-toggle]").isDisplayed()).isFalse();
    assertThat(browser.find(".status-pill").isDisplayed()).isTrue();
    long viewport = ((Number) browser.js("return window.innerHeight")).longValue();
    long page = ((Number) browser.js("return document.documentElement.scrollHeight")).longValue();
    long tilesBottom = ((Number) browser.js(
        "return Math.round(document.querySelector('.dashboard__tiles').getBoundingClientRect().bottom)")).longValue();
    assertThat(page).as("no scrolling").isLessThanOrEqualTo(viewport);
    assertThat(tilesBottom).as("tiles reach the bottom of the screen").isGreaterThan(viewport * 9 / 10);
    double kioskSize = fontSize(tile("weekly_users", "global") + " .kpi-tile__value");
    browser.screenshot("dashboard-kiosk");

    openDashboard("");
    assertThat(kioskSize).as("large type").isGreaterThan(fontSize(tile("weekly_users", "global") + " .kpi-tile__value") * 1.3);
  }

  private double fontSize(String css) {
    return Double.parseDouble(((String) browser.js(
        "return getComputedStyle(document.querySelector(arguments[0])).fontSize", css)).replace("px", ""));
  }

  @Test
  void the_dark_theme_toggle_is_remembered() {
    openDashboard("");
    String light = (String) browser.js("return getComputedStyle(document.body).backgroundColor");
    WebElement toggle = browser.find("[data-theme-toggle]");
    assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("false");
    toggle.click();
    assertThat(browser.find("html").getAttribute("data-theme")).isEqualTo("dark");
    assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("true");

    openDashboard("");
    assertThat(browser.find("html").getAttribute("data-theme")).isEqualTo("dark");
    String dark = (String) browser.js("return getComputedStyle(document.body).backgroundColor");
    assertThat(dark).isEqualTo("rgb(11, 16, 32)").isNotEqualTo(light);
    browser.screenshot("dashboard-dark");
  }

  @Test
  void a_phone_gets_one_column_without_sideways_scrolling() {
    browser.size(390, 844);
    openDashboard("");
    long scrollWidth = ((Number) browser.js("return document.documentElement.scrollWidth")).longValue();
    long width = ((Number) browser.js("return document.documentElement.clientWidth")).longValue();
    assertThat(scrollWidth).isLessThanOrEqualTo(width);
    List<Integer> lefts = browser.findAll(".kpi-tile").stream().map(e -> e.getRect().getX()).distinct().toList();
    assertThat(lefts).hasSize(1);
    browser.screenshot("dashboard-phone");
  }

  @Test
  void the_region_filter_is_built_from_the_data() {
    openDashboard("");
    List<String> options = browser.findAll(".label-filter[data-key='region'] .label-filter__option span").stream().map(WebElement::getText).toList();
    assertThat(options).containsExactly("All", "asia", "global", "kr");
    regionOption("kr").click();
    browser.await(WAIT, "only kr tiles", d -> d.findElements(By.cssSelector(".kpi-tile")).size() == 2);
    assertThat(browser.findAll(".kpi-tile")).allSatisfy(t ->
        assertThat(t.getAttribute("data-labels")).isEqualTo("{\"region\":\"kr\"}"));
    regionOption("").click();
    browser.await(WAIT, "all tiles", d -> d.findElements(By.cssSelector(".kpi-tile")).size() == 5);
  }

  private WebElement regionOption(String value) {
    return browser.driver.findElement(By.xpath("//label[input[@value='" + value + "']]"));
  }

  @Test
  void a_tile_opens_the_detail_view_with_chart_events_and_points() {
    openDashboard("");
    browser.find(tile("weekly_users", "global") + " .kpi-tile__link").click();
    browser.await(WAIT, "detail view", d -> d.getCurrentUrl().endsWith("#/metrics/weekly_users"));
    browser.await(WAIT, "a chart", d -> d.findElements(By.cssSelector(".metric-detail__chart canvas")).size() == 1);
    assertThat(browser.find(".metric-detail__title").getText()).isEqualTo("Weekly active users");
    assertThat(browser.find(".metric-detail__chart figcaption").getText()).isEqualTo("global · 700M users");
    assertThat(browser.find("[data-dashboard]").isDisplayed()).isFalse();
    browser.await(WAIT, "one row", d -> d.findElements(By.cssSelector(".metric-detail__table tbody tr")).size() == 1);
    assertThat(browser.find(".metric-detail__table tbody tr").getText())
        .contains("Sep 10, 2025").contains("700,000,000 users").contains("News report");
    assertThat(browser.findAll(".metric-detail__event").stream().map(WebElement::getText).toList())
        .anySatisfy(text -> assertThat(text).contains("OpenAI Korea launch (Seoul)"))
        .anySatisfy(text -> assertThat(text).contains("Founders Day"));
    assertThat(browser.find(".metric-detail__range[aria-pressed='true']").getText()).isEqualTo("1 year");
    browser.screenshot("detail-desktop");

    browser.find(".metric-detail__back").click();
    browser.await(WAIT, "dashboard again", d -> d.findElement(By.cssSelector("[data-dashboard]")).isDisplayed());
    assertThat(browser.findAll(".metric-detail__chart")).isEmpty();
  }

  @Test
  void range_buttons_reuse_the_charts_and_all_shows_every_event() {
    browser.open(base + "#/metrics/offices?range=30d");
    browser.await(WAIT, "two charts", d -> d.findElements(By.cssSelector(".metric-detail__chart canvas")).size() == 2);
    browser.js("document.querySelectorAll('.metric-detail__chart canvas').forEach(c => c.dataset.kept = 'yes')");
    browser.await(WAIT, "events from 30 days before the newest point on", d -> d.findElements(By.cssSelector(".metric-detail__event")).size() == 3);

    browser.find(".metric-detail__range[data-range='all']").click();
    browser.await(WAIT, "every event", d -> d.findElements(By.cssSelector(".metric-detail__event")).size() == 4);
    assertThat(browser.driver.getCurrentUrl()).endsWith("#/metrics/offices?range=all");
    assertThat(browser.find(".metric-detail__range[aria-pressed='true']").getText()).isEqualTo("All");
    assertThat(browser.findAll(".metric-detail__chart canvas[data-kept='yes']")).as("same charts").hasSize(2);
    assertThat(browser.findAll(".metric-detail__table tbody tr")).hasSize(2);
  }

  @Test
  void the_detail_view_downloads_its_points_as_csv() throws IOException {
    browser.open(base + "#/metrics/offices?range=all");
    browser.await(WAIT, "two charts", d -> d.findElements(By.cssSelector(".metric-detail__chart canvas")).size() == 2);
    browser.find(".metric-detail__csv").click();
    Path csv = browser.await(WAIT, "a CSV file", d -> {
      try (Stream<Path> files = Files.list(browser.downloads)) {
        return files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElse(null);
      } catch (IOException e) {
        return null;
      }
    });
    assertThat(csv.getFileName().toString()).isEqualTo("offices-all.csv");
    assertThat(Files.readString(csv)).startsWith("metric,ts,value,source,region")
        .containsPattern("offices,2025-09-10T00:00:00Z,3.0,[^\r\n]*,asia\r\n")
        .containsPattern("offices,2025-09-10T00:00:00Z,12.0,[^\r\n]*,global\r\n");
  }

  @Test
  void an_unknown_metric_says_so() {
    browser.open(base + "#/metrics/no_such_metric");
    browser.awaitText("[data-message]", "There is no metric “no_such_metric”.", WAIT);
  }

  @Test
  void every_response_carries_a_strict_content_security_policy() {
    for (String path : List.of("/", "/index.html", "/js/main.js", "/css/base.css", "/vendor/uplot/uPlot.iife.min.js",
        "/vendor/sortablejs/Sortable.min.js")) {
      HttpResponse<Buffer> response = http.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      String csp = response.getHeader("Content-Security-Policy");
      assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
          "object-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(response.getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
    }
    assertThat(http.get("/js/main.js").getHeader("Content-Type")).startsWith("text/javascript");
    assertThat(http.get("/vendor/uplot/uPlot.min.css").getHeader("Content-Type")).startsWith("text/css");
  }

  @Test
  void the_page_has_no_inline_script_or_style() {
    String html = http.get("/").bodyAsString();
    assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
    assertThat(html).doesNotContain("<style").doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=");
  }

  @Test
  void changes_are_announced_politely_and_the_page_has_landmarks() {
    openDashboard("");
    WebElement region = browser.find("[aria-live]");
    assertThat(region.getAttribute("aria-live")).isEqualTo("polite");
    assertThat(browser.findAll("body > header, body > main")).hasSize(2);
    assertThat(browser.find("h1").getText()).isEqualTo("Pulseboard");
    assertThat(browser.findAll(".kpi-tile h3")).hasSize(5);
    assertThat(browser.find(".status-pill").getAttribute("role")).isEqualTo("status");
  }
}
