package io.pulseboard.telemetry;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server for tests: the Debian package's binary on a free loopback port, with a
 * temporary configuration and storage, scraping one Pulseboard every second.
 */
public final class PrometheusServer implements AutoCloseable {
  private final Path dir;
  private final Process process;
  private final int port;
  private final HttpClient client = HttpClient.newHttpClient();

  private PrometheusServer(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /** Starts Prometheus scraping {@code /metrics} on {@code target} with a bearer token; returns once it is ready. */
  static PrometheusServer start(int targetPort, String bearerToken) throws IOException, InterruptedException {
    Path binary = Promtool.require("prometheus");
    Path dir = Files.createTempDirectory("pulseboard-prometheus");
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: pulseboard
            authorization:
              credentials: %s
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(bearerToken, targetPort));
    int port = freePort();
    Process process = new ProcessBuilder(binary.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
    PrometheusServer server = new PrometheusServer(dir, process, port);
    server.awaitReady();
    return server;
  }

  /** The samples of an instant query, as {@code data.result} of the HTTP API. */
  JsonArray query(String promql) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonObject body = new JsonObject(response.body());
    if (!"success".equals(body.getString("status"))) {
      throw new IllegalStateException("Prometheus answered " + response.body());
    }
    return body.getJsonObject("data").getJsonArray("result");
  }

  /** What Prometheus knows of a metric family's type and help, as {@code data} of the metadata API. */
  JsonObject metadata(String family) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/metadata?metric="
        + URLEncoder.encode(family, StandardCharsets.UTF_8));
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(response.body()).getJsonObject("data");
  }

  /** What Prometheus logged, for failure messages. */
  String log() throws IOException {
    return Files.readString(dir.resolve("prometheus.log"));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    URI ready = URI.create("http://127.0.0.1:" + port + "/-/ready");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // Prometheus is still starting
      }
      Thread.sleep(100);
    }
    String log = log();
    close();
    throw new IllegalStateException("Prometheus did not become ready:\n" + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
