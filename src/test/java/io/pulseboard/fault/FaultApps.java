package io.pulseboard.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.Http;
import io.pulseboard.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Pulseboard as its own process, as users run it, for the fault tests; and what they need around it. */
final class FaultApps {
  private FaultApps() {}

  /** A process on the embedded PostgreSQL keeping its files under {@code dataDir}. */
  static AppProcess embedded(Path dataDir) throws IOException {
    return start(Map.of("PULSEBOARD_DATA_DIR", dataDir.toString()));
  }

  /** A process on the database at this URL. */
  static AppProcess external(String databaseUrl) throws IOException {
    return start(Map.of("DATABASE_URL", databaseUrl));
  }

  /** A process on the database at this URL, with these settings added. */
  static AppProcess external(String databaseUrl, Map<String, String> settings) throws IOException {
    Map<String, String> env = new HashMap<>(settings);
    env.put("DATABASE_URL", databaseUrl);
    return start(env);
  }

  private static AppProcess start(Map<String, String> database) throws IOException {
    Map<String, String> env = new HashMap<>(database);
    env.put("PULSEBOARD_PORT", "0");
    env.put("PULSEBOARD_HOST", "127.0.0.1");
    env.put("PULSEBOARD_ADMIN_TOKEN", TestApp.ADMIN_TOKEN);
    env.put("PULSEBOARD_SEED", "false");
    return AppProcess.start(List.of(), env);
  }

  /** Creates the metric the batches are written to. */
  static void createMetric(Vertx vertx, int port) {
    try (Http http = new Http(vertx, port)) {
      assertThat(http.send(HttpMethod.PUT, "/api/v1/metrics/" + Batch.METRIC, Batch.DEFINITION).statusCode())
          .isEqualTo(201);
    }
  }

  /** The URL of the embedded server running on this data directory, from its {@code postmaster.pid}. */
  static String embeddedUrl(Path dataDir) throws IOException {
    List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
    return "postgresql://postgres@127.0.0.1:" + pid.get(3).trim() + "/postgres";
  }

  /** Stops the embedded server a killed process left running on this data directory, if any. */
  static void stopOrphan(Path dataDir) throws Exception {
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
    if (postmaster.isPresent() && postmaster.get().destroy()) {
      postmaster.get().onExit().get(60, TimeUnit.SECONDS);
    }
  }
}
