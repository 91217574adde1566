package io.pulseboard.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a renewed certificate without a restart: every {@link #CHECK_MS} ms it compares the PEM
 * files with what is served, and once they changed and check out (see {@link ServerCertificate})
 * hands the new one to every HTTP server; connections made from then on use it. Files that do
 * not check out (half-written during a renewal, a key that does not match) leave the served
 * certificate in place, with one warning per distinct problem. Polling the bytes, rather than
 * file events, also sees a renewal that swaps a symbolic link, as Kubernetes does with secrets.
 */
public final class CertificateReloader {
  private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);
  /** How often the files are compared; reading two small files is all it costs. */
  public static final long CHECK_MS = 2000;

  private final Vertx vertx;
  private final List<HttpVerticle> servers;
  private ServerCertificate served;
  private String lastProblem;
  private boolean checking;

  private CertificateReloader(Vertx vertx, ServerCertificate served, List<HttpVerticle> servers) {
    this.vertx = vertx;
    this.served = served;
    this.servers = List.copyOf(servers);
  }

  /** Starts watching; it stops with the Vert.x instance. */
  public static void watch(Vertx vertx, ServerCertificate served, List<HttpVerticle> servers) {
    CertificateReloader reloader = new CertificateReloader(vertx, served, servers);
    vertx.setPeriodic(CHECK_MS, id -> reloader.check());
  }

  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    ServerCertificate current = served;
    vertx.executeBlocking(() -> current.unchangedOnDisk() ? null : ServerCertificate.read(current.files()), false)
        .compose(next -> next == null ? Future.succeededFuture() : serve(next))
        .onFailure(this::refused)
        .onComplete(v -> checking = false);
  }

  private Future<?> serve(ServerCertificate next) {
    return Future.all(servers.stream().map(s -> s.updateCertificate(next)).toList()).onSuccess(v -> {
      served = next;
      lastProblem = null;
      LOG.info("Reloaded the TLS certificate from {} ({}); new connections use it", next.files().cert(),
          next.describe());
    });
  }

  private void refused(Throwable e) {
    String problem = String.valueOf(e.getMessage());
    if (!Objects.equals(problem, lastProblem)) {
      lastProblem = problem;
      LOG.warn("The TLS files changed but cannot be used, so the certificate in use stays: {}", problem);
    }
  }
}
