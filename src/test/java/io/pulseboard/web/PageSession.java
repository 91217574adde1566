package io.pulseboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.Http;
import io.pulseboard.Pulseboard;
import io.pulseboard.TestApp;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The setting of the page's browser tests: Pulseboard with the seed on a database of its own, a
 * client for its API and headless Chromium for the class; before each test a fresh page at
 * 1440 × 900 in English with empty storage, and after it no console errors. A class registers it
 * with {@code @RegisterExtension static final PageSession PAGE = new PageSession();}; its own
 * {@code @BeforeAll} runs after the session started, and may add data.
 */
final class PageSession implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private Vertx vertx;
  private Pulseboard app;
  private Http http;
  private Browser browser;
  private String base;

  @Override
  public void beforeAll(ExtensionContext context) {
    vertx = Vertx.vertx();
    app = TestApp.start();
    http = new Http(vertx, app.port());
    base = "http://127.0.0.1:" + app.port() + "/";
    browser = Browser.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
      http.close();
      app.close();
    } finally {
      vertx.close().await();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    browser.size(1440, 900);
    browser.open(base + "?lang=en");
    browser.js("localStorage.clear(); sessionStorage.clear();");
    browser.clearConsole();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    assertThat(browser.consoleErrors()).as("console errors").isEmpty();
  }

  Vertx vertx() {
    return vertx;
  }

  Pulseboard app() {
    return app;
  }

  Http http() {
    return http;
  }

  Browser browser() {
    return browser;
  }

  /** The server's address with a trailing slash. */
  String base() {
    return base;
  }
}
