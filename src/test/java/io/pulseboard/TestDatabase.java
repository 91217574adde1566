package io.pulseboard;

import io.pulseboard.db.EmbeddedDatabase;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fresh databases for tests, each on a real PostgreSQL: the server named by
 * {@code PULSEBOARD_TEST_DATABASE_URL}, or else one embedded server shared by the test JVM.
 */
public final class TestDatabase {
  /** Environment variable naming an external server for the tests. */
  public static final String ENV = "PULSEBOARD_TEST_DATABASE_URL";
  private static final List<String> CREATED = new ArrayList<>();
  private static String serverUrl;
  private static EmbeddedDatabase embedded;

  private TestDatabase() {}

  /** The URL of a new, empty database. */
  public static synchronized String create() {
    String base = server();
    String name = "pb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(base, "CREATE DATABASE " + name);
    CREATED.add(name);
    PgConnectOptions o = PgConnectOptions.fromUri(base);
    return "postgresql://" + o.getUser() + (o.getPassword() == null || o.getPassword().isEmpty() ? "" : ":" + o.getPassword())
        + "@" + o.getHost() + ":" + o.getPort() + "/" + name;
  }

  /** Runs one statement on the database at this URL. */
  public static void execute(String url, String sql) {
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** A JDBC connection to the database at this URL, for checking rows directly. */
  public static Connection connect(String url) throws SQLException {
    PgConnectOptions o = PgConnectOptions.fromUri(url);
    String jdbc = "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase();
    return DriverManager.getConnection(jdbc, o.getUser(), o.getPassword() == null ? "" : o.getPassword());
  }

  /** The first column of the first row of a query, as a long. */
  public static long queryLong(String url, String sql) {
    try (Connection c = connect(url); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of the first row of a query, as text ({@code null} when there is no row). */
  public static String queryString(String url, String sql) {
    try (Connection c = connect(url); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static String server() {
    if (serverUrl != null) {
      return serverUrl;
    }
    String external = System.getenv(ENV);
    if (external != null && !external.isBlank()) {
      serverUrl = external;
    } else {
      try {
        Path dir = Files.createTempDirectory("pulseboard-test-pg");
        embedded = EmbeddedDatabase.start(dir);
        serverUrl = embedded.url();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the embedded PostgreSQL for tests", e);
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::cleanUp));
    return serverUrl;
  }

  private static synchronized void cleanUp() {
    for (String name : CREATED) {
      try {
        execute(serverUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (RuntimeException e) {
        // the server may already be gone; nothing to keep
      }
    }
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        // shutting down anyway
      }
    }
  }
}
