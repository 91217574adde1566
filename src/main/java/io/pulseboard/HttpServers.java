package io.pulseboard;

import io.pulseboard.config.AppConfig;
import io.pulseboard.http.ApiRouter;
import io.pulseboard.http.CertificateReloader;
import io.pulseboard.http.HttpVerticle;
import io.pulseboard.http.ServerCertificate;
import io.pulseboard.process.ExitCode;
import io.pulseboard.process.StartupFailure;
import io.pulseboard.ws.LiveService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a start: the certificate checked before anything starts, then one server per
 * event loop on one port, with a refused port or unusable certificate made a clear startup
 * failure.
 */
final class HttpServers {
  /** The start's log lines come from one logger, whichever class writes them. */
  private static final Logger LOG = LoggerFactory.getLogger(Pulseboard.class);

  private HttpServers() {}

  /**
   * One HTTP server per event loop, all on one port. Port 0 is passed to Vert.x as -1, which binds
   * one random port and shares it; with 0 each instance would bind a random port of its own.
   */
  static int serve(Vertx vertx, ApiRouter api, LiveService live, AppConfig config,
      ServerCertificate certificate, int instances) {
    int listenPort = config.port() == 0 ? -1 : config.port();
    List<HttpVerticle> servers = new CopyOnWriteArrayList<>();
    try {
      vertx.deployVerticle(() -> {
        HttpVerticle server = new HttpVerticle(config.host(), listenPort, v -> api.build(), live, certificate);
        servers.add(server);
        return server;
      }, new DeploymentOptions().setInstances(instances)).await();
    } catch (Throwable e) {
      if (bindFailure(e)) {
        throw new StartupFailure(ExitCode.PORT_UNAVAILABLE, "cannot listen on " + config.host() + ":"
            + config.port() + " (" + rootMessage(e) + "); stop whatever uses that port, or set PULSEBOARD_PORT"
            + " or PULSEBOARD_HOST");
      }
      throw e;
    }
    int port = servers.get(0).actualPort();
    if (servers.stream().anyMatch(s -> s.actualPort() != port)) {
      throw new IllegalStateException("the HTTP servers listen on different ports");
    }
    if (certificate != null) {
      CertificateReloader.watch(vertx, certificate, servers);
    }
    return port;
  }

  /**
   * The certificate to serve HTTPS with, checked before anything starts; {@code null} for plain
   * HTTP. Files that cannot be used are a configuration error (exit code 2).
   */
  static ServerCertificate certificate(AppConfig config) {
    if (config.tls() == null) {
      return null;
    }
    try {
      ServerCertificate certificate = ServerCertificate.read(config.tls());
      LOG.info("Serving HTTPS with the certificate in {} ({})", config.tls().cert(), certificate.describe());
      return certificate;
    } catch (IllegalArgumentException e) {
      throw new StartupFailure(ExitCode.CONFIGURATION, e.getMessage()
          + "; check PULSEBOARD_TLS_CERT and PULSEBOARD_TLS_KEY");
    }
  }

  private static boolean bindFailure(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SocketException || String.valueOf(c.getMessage()).startsWith("bind(")) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
