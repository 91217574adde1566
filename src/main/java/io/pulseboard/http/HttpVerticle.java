package io.pulseboard.http;

import io.pulseboard.ws.LiveHub;
import io.pulseboard.ws.LiveService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Serves the router and the WebSocket endpoint on the configured address, over HTTPS when it has
 * a certificate; on undeploy, closes the WebSockets with 1001 and finishes in-flight requests first.
 */
public final class HttpVerticle extends VerticleBase {
  private static final long SHUTDOWN_GRACE_SECONDS = 10;

  private final String host;
  private final int port;
  private final Function<io.vertx.core.Vertx, Future<Router>> routerFactory;
  private final LiveService live;
  private final ServerCertificate certificate;
  private HttpServerOptions options;
  private HttpServer server;
  private LiveHub hub;

  /**
   * @param certificate serve HTTPS (and WSS) with it, HTTP/2 offered by ALPN; {@code null}: plain HTTP
   */
  public HttpVerticle(String host, int port, Function<io.vertx.core.Vertx, Future<Router>> routerFactory,
      LiveService live, ServerCertificate certificate) {
    this.host = host;
    this.port = port;
    this.routerFactory = routerFactory;
    this.live = live;
    this.certificate = certificate;
  }

  @Override
  public Future<?> start() {
    return routerFactory.apply(vertx).compose(router -> {
      hub = live.hub(context);
      // /ws is served beside the router, so it never passes the OpenAPI validation.
      options = live.configure(new HttpServerOptions().setCompressionSupported(true));
      if (certificate != null) {
        // ALPN offers HTTP/2 first, then HTTP/1.1 (the default versions); WebSockets use HTTP/1.1.
        options.setSsl(true).setUseAlpn(true).setKeyCertOptions(certificate.keyCertOptions());
      }
      server = vertx.createHttpServer(options);
      return server.webSocketHandshakeHandler(hub::handshake)
          .webSocketHandler(hub::accept)
          .requestHandler(router)
          .listen(port, host);
    });
  }

  @Override
  public Future<?> stop() {
    Future<Void> sockets = hub == null ? Future.succeededFuture() : hub.shutdown();
    return sockets.eventually(() -> server == null ? Future.succeededFuture()
        : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS));
  }

  /** Serves a new certificate to connections made from now on; the future completes once it is in use. */
  Future<Boolean> updateCertificate(ServerCertificate next) {
    return server.updateSSLOptions(new ServerSSLOptions(options.getSslOptions())
        .setKeyCertOptions(next.keyCertOptions()));
  }

  public int actualPort() {
    return server.actualPort();
  }
}
