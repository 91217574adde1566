package io.pulseboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.AppProcess;
import io.pulseboard.TestApp;
import io.pulseboard.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS served by Pulseboard itself, in a real process with a self-signed certificate made in the
 * test: HTTP/2 by ALPN, WSS, a renewed certificate served without a restart, and the files
 * refused at start with exit code 2.
 */
class TlsTest {
  @TempDir
  Path tmp;

  private List<String> args(Path cert, Path key) {
    return List.of("--port", "0", "--host", "127.0.0.1", "--admin-token", TestApp.ADMIN_TOKEN, "--tls-cert",
        cert.toString(), "--tls-key", key.toString());
  }

  private static HttpResponse<String> get(SSLContext trust, HttpClient.Version version, int port, String path)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trust).version(version)
        .connectTimeout(Duration.ofSeconds(10)).build();
    return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String servedName(SSLContext trust, int port) throws Exception {
    HttpResponse<String> response = get(trust, HttpClient.Version.HTTP_2, port, "/health/live");
    X509Certificate served = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    return served.getSubjectX500Principal().getName();
  }

  @Test
  void serves_https_with_http2_and_wss_and_serves_a_renewed_certificate_without_a_restart() throws Exception {
    SelfSignedCertificate first = SelfSignedCertificate.create(tmp, "first");
    SelfSignedCertificate renewed = SelfSignedCertificate.create(tmp, "renewed");
    Path cert = tmp.resolve("cert.pem");
    Path key = tmp.resolve("key.pem");
    first.writeTo(cert, key);
    SSLContext trust = SelfSignedCertificate.trusting(first, renewed);
    try (AppProcess app = AppProcess.start(args(cert, key), Map.of("DATABASE_URL", TestDatabase.create()))) {
      int port = app.awaitPort();
      assertThat(app.output()).contains("listening on https://127.0.0.1:" + port);

      HttpResponse<String> h2 = get(trust, HttpClient.Version.HTTP_2, port, "/api/v1/metrics");
      assertThat(h2.statusCode()).isEqualTo(200);
      assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(h2.body()).contains("weekly_users");
      HttpResponse<String> h1 = get(trust, HttpClient.Version.HTTP_1_1, port, "/health/ready");
      assertThat(h1.statusCode()).isEqualTo(200);
      assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(firstFrame(trust, port)).contains("\"op\":\"hello\"");
      assertThat(servedName(trust, port)).isEqualTo("CN=first");

      // A half-written renewal (a key that is not the certificate's) keeps the certificate in use.
      Files.writeString(cert, renewed.certPem());
      Ops.await("the refused files logged", Duration.ofSeconds(30),
          () -> app.output().contains("cannot be used, so the certificate in use stays"));
      assertThat(servedName(trust, port)).isEqualTo("CN=first");

      Files.writeString(key, renewed.keyPem());
      Ops.await("the renewed certificate served", Duration.ofSeconds(30), () -> {
        try {
          return servedName(trust, port).equals("CN=renewed");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(app.output()).contains("Reloaded the TLS certificate from " + cert);
      assertThat(get(trust, HttpClient.Version.HTTP_2, port, "/health/live").version())
          .isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(firstFrame(SelfSignedCertificate.trusting(renewed), port)).contains("\"op\":\"hello\"");
      assertThat(app.terminate()).isZero();
    }
  }

  /** The first frame a WSS client gets from {@code /ws}. */
  private static String firstFrame(SSLContext trust, int port) throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    WebSocket socket = HttpClient.newBuilder().sslContext(trust).build().newWebSocketBuilder()
        .buildAsync(URI.create("wss://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            first.complete(data.toString());
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    try {
      return first.get(10, TimeUnit.SECONDS);
    } finally {
      socket.abort();
    }
  }

  @Test
  void a_missing_certificate_file_exits_2_with_one_line() throws Exception {
    Path key = tmp.resolve("key.pem");
    SelfSignedCertificate.create(tmp, "only").writeTo(tmp.resolve("cert.pem"), key);
    Path dataDir = tmp.resolve("data");
    List<String> args = new ArrayList<>(args(tmp.resolve("no-such-cert.pem"), key));
    args.addAll(List.of("--data-dir", dataDir.toString()));
    try (AppProcess app = AppProcess.start(args, Map.of())) {
      assertThat(app.awaitExit()).isEqualTo(2);
      String err = app.stderr().strip();
      assertThat(err.lines()).hasSize(1);
      assertThat(err).startsWith("pulseboard: invalid configuration: PULSEBOARD_TLS_CERT (--tls-cert) names no file")
          .contains("no-such-cert.pem");
      assertThat(app.output()).isEmpty();
    }
    assertThat(Files.exists(dataDir)).isFalse();
  }

  @Test
  void a_key_that_is_not_the_certificates_exits_2_with_one_line_before_anything_is_written() throws Exception {
    Path cert = tmp.resolve("cert.pem");
    Path key = tmp.resolve("key.pem");
    SelfSignedCertificate.create(tmp, "one").writeTo(cert, tmp.resolve("unused.pem"));
    SelfSignedCertificate.create(tmp, "other").writeTo(tmp.resolve("unused-cert.pem"), key);
    String url = TestDatabase.create();
    try (AppProcess app = AppProcess.start(args(cert, key), Map.of("DATABASE_URL", url))) {
      assertThat(app.awaitExit()).isEqualTo(2);
      String err = app.stderr().strip();
      assertThat(err.lines()).hasSize(1);
      assertThat(err).startsWith("pulseboard: could not start: the private key in " + key
          + " is not the key of the certificate in " + cert);
    }
    assertThat(TestDatabase.queryLong(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
  }

  @Test
  void a_file_that_is_not_pem_and_a_lone_setting_exit_2_with_one_line() throws Exception {
    Path notPem = Files.writeString(tmp.resolve("cert.pem"), "not a certificate\n");
    Path key = tmp.resolve("key.pem");
    SelfSignedCertificate.create(tmp, "k").writeTo(tmp.resolve("unused.pem"), key);
    try (AppProcess app = AppProcess.start(args(notPem, key), Map.of("DATABASE_URL", TestDatabase.create()))) {
      assertThat(app.awaitExit()).isEqualTo(2);
      String err = app.stderr().strip();
      assertThat(err.lines()).hasSize(1);
      assertThat(err).startsWith("pulseboard: could not start: cannot read " + notPem).contains("PEM");
    }
    try (AppProcess app = AppProcess.start(List.of("--tls-key", key.toString()), Map.of())) {
      assertThat(app.awaitExit()).isEqualTo(2);
      assertThat(app.stderr().strip()).isEqualTo("pulseboard: invalid configuration: PULSEBOARD_TLS_KEY is set but"
          + " PULSEBOARD_TLS_CERT is not; set both to serve HTTPS, or neither");
    }
  }
}
