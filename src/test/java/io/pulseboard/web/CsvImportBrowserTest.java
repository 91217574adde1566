package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The CSV import of a metric's detail view in a real Chromium: drop or choose, preview, import, faults. */
class CsvImportBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String DB = TestDatabase.create();
  private static Pulseboard app;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void start() {
    app = TestApp.start(DB, java.util.Map.of());
    base = "http://127.0.0.1:" + app.port() + "/";
    browser = Browser.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    app.close();
  }

  @BeforeEach
  void signedIn() {
    // A page of its own query: the next test's page is then a new load, which reads the token
    // kept here (a page reads it when it loads; a new fragment alone would not).
    browser.open(base + "?lang=en&signin");
    browser.js("localStorage.clear(); sessionStorage.clear(); sessionStorage.setItem('pulseboard.token', arguments[0]);",
        TestApp.ADMIN_TOKEN);
    browser.clearConsole();
  }

  @AfterEach
  void noPolicyViolations() {
    assertThat(browser.consoleErrors()).noneMatch(e -> e.contains("Content Security Policy"));
  }

  private void openOffices(String query) {
    browser.open(base + query + "#/metrics/offices?range=all");
    // Earlier tests may have added a series (a chart) to offices.
    browser.await(WAIT, "the metric shown", d -> d.findElements(By.cssSelector(".metric-detail__chart canvas")).size() >= 2);
  }

  /** Drops a file on the zone as a user's drag and drop does (a DataTransfer holding a File). */
  private void drop(String name, String text) {
    browser.js("const dt = new DataTransfer();"
        + "dt.items.add(new File([arguments[1]], arguments[0], { type: 'text/csv' }));"
        + "document.querySelector('.csv-import__zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));",
        name, text);
  }

  private static long points(String where) {
    return TestDatabase.queryLong(DB, "SELECT count(*) FROM points WHERE " + where);
  }

  @Test
  void a_dropped_file_is_previewed_counted_and_imported() {
    openOffices("?lang=en");
    drop("offices.csv", "metric,ts,value,source,region\n"
        + "offices,2020-01-01T00:00:00Z,1,\"quoted, with\nnewline\",kr\n"
        + "offices,2020-01-02T00:00:00Z,2,,kr\n"
        + "offices,2020-01-03T00:00:00Z,3,<b>not html</b>,kr\n");
    browser.awaitText(".csv-import__count", "3 rows in offices.csv", WAIT);
    assertThat(browser.find(".csv-import__preview").getText()).startsWith("metric,ts,value,source,region\noffices,");
    assertThat(browser.find(".csv-import__start").getText()).isEqualTo("Import 3 rows");
    browser.screenshot("csv-import-preview");
    browser.find(".csv-import__start").click();
    browser.awaitText(".csv-import__result", "Imported 3 rows: 3 written, 0 unchanged.", WAIT);
    assertThat(browser.find(".csv-import__progress").getAttribute("value")).isEqualTo("1");
    assertThat(points("ts < '2020-02-01'")).isEqualTo(3);
    browser.await(WAIT, "the table shows the new points",
        d -> d.findElements(By.cssSelector(".metric-detail__table tbody tr")).size() == 5);
  }

  @Test
  void a_chosen_file_with_bad_rows_shows_each_fault_by_row_and_column(@TempDir Path dir) throws Exception {
    openOffices("?lang=en");
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "metric,ts,value,region\noffices,2021-01-01T00:00:00Z,1,kr\noffices,yesterday,x,kr\n");
    browser.find(".csv-import__input").sendKeys(file.toString());
    browser.awaitText(".csv-import__count", "2 rows in bad.csv", WAIT);
    browser.find(".csv-import__start").click();
    browser.await(WAIT, "two faults", d -> d.findElements(By.cssSelector(".csv-import__errors li")).size() == 2);
    assertThat(browser.find(".csv-import__result").getText()).startsWith("Nothing was imported:");
    assertThat(browser.findAll(".csv-import__errors li").get(0).getText()).startsWith("Row 2, column value:");
    assertThat(browser.findAll(".csv-import__errors li").get(1).getText()).startsWith("Row 2, column ts:");
    assertThat(points("ts >= '2021-01-01' AND ts < '2022-01-01'")).isZero();
  }

  @Test
  void a_chosen_file_of_a_hundred_thousand_rows_is_uploaded_with_progress_and_stored(@TempDir Path dir) throws Exception {
    int rows = 100_000;
    StringBuilder csv = new StringBuilder("metric,ts,value,source,region\n");
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < rows; i++) {
      csv.append("offices,").append(start.plusSeconds(60L * i)).append(',').append(i % 1000)
          .append(",bulk import row ").append(i).append(",kr\n");
    }
    Path file = dir.resolve("large.csv");
    Files.writeString(file, csv);
    assertThat(Files.size(file)).isGreaterThan(4L * 1024 * 1024);
    // A query of its own, so the page loads again and reads the token signedIn() kept: opening
    // the same page with only another fragment would not, and the import would go without a token
    // (answered 401 before the body is read). Earlier tests may have added a series (a chart) to offices.
    browser.open(base + "?lang=en&large#/metrics/offices?range=all");
    browser.await(WAIT, "the metric shown", d -> d.findElements(By.cssSelector(".metric-detail__chart canvas")).size() >= 2);
    browser.find(".csv-import__input").sendKeys(file.toString());
    browser.awaitText(".csv-import__count", "100,000 rows in large.csv", WAIT);
    // Every state the importer shows while it runs, as the page shows it.
    browser.js("window.seen = [];"
        + "const record = () => window.seen.push(document.querySelector('.csv-import__result').textContent"
        + "  + ' | ' + document.querySelector('.csv-import__progress').getAttribute('value'));"
        + "new MutationObserver(record).observe(document.querySelector('.csv-import'),"
        + "  { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['value'] });");
    browser.find(".csv-import__start").click();
    browser.awaitText(".csv-import__result", "Imported 100,000 rows: 100,000 written, 0 unchanged.", Duration.ofSeconds(90));
    @SuppressWarnings("unchecked")
    List<Object> seen = (List<Object>) browser.js("return window.seen;");
    assertThat(seen).anyMatch(s -> s.toString().startsWith("Importing… "));
    assertThat(seen).anyMatch(s -> s.toString().startsWith("Uploaded; writing the rows… | 1"));
    assertThat(browser.find(".csv-import__progress").getAttribute("value")).isEqualTo("1");
    assertThat(points("ts >= '2024-01-01' AND ts < '2025-01-01'")).isEqualTo(rows);
  }

  @Test
  void korean_and_the_dark_theme() {
    browser.js("localStorage.setItem('pulseboard.theme', 'dark')");
    openOffices("?lang=ko");
    assertThat(browser.find(".csv-import__title").getText()).isEqualTo("CSV 가져오기");
    drop("k.csv", "metric,ts,value\noffices,2022-01-01T00:00:00Z,1\n");
    browser.awaitText(".csv-import__count", "k.csv: 1행", WAIT);
    browser.js("document.querySelector('.csv-import').scrollIntoView()");
    browser.screenshot("csv-import-ko-dark");
  }
}
