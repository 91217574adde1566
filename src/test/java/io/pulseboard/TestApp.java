package io.pulseboard;

import io.pulseboard.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Starts real Pulseboard instances for tests: production wiring on a free port and a fresh database. */
public final class TestApp {
  /** The admin token every test instance accepts. */
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

  private TestApp() {}

  /** A new instance on a new database, seeded with the report's facts. */
  public static Pulseboard start() {
    return start(TestDatabase.create(), Map.of());
  }

  /**
   * An instance on the given database; {@code env} adds or overrides settings by environment
   * name, e.g. {@code PULSEBOARD_SEED=false}.
   */
  public static Pulseboard start(String databaseUrl, Map<String, String> env) {
    Map<String, String> all = new HashMap<>();
    all.put("DATABASE_URL", databaseUrl);
    all.put("PULSEBOARD_PORT", "0");
    all.put("PULSEBOARD_HOST", "127.0.0.1");
    all.put("PULSEBOARD_ADMIN_TOKEN", ADMIN_TOKEN);
    all.putAll(env);
    try {
      return Pulseboard.start(AppConfig.from(all, List.of()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
