package io.pulseboard;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Pulseboard for a whole test class, on a fresh database:
 * {@code @RegisterExtension static final RunningApp running = new RunningApp();}
 */
public final class RunningApp implements BeforeAllCallback, AfterAllCallback {
  private final Map<String, String> env;
  private String db;
  private Pulseboard app;

  public RunningApp() {
    this(Map.of());
  }

  /** With settings by environment name added to the test defaults, e.g. {@code PULSEBOARD_SEED=false}. */
  public RunningApp(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    db = TestDatabase.create();
    app = TestApp.start(db, env);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (app != null) {
      app.close();
    }
  }

  public Pulseboard app() {
    return app;
  }

  /** The URL of the instance's database, for checking rows directly. */
  public String db() {
    return db;
  }

  public int port() {
    return app.port();
  }
}
