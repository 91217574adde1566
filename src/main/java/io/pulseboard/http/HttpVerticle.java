package io.pulseboard.http;

import io.pulseboard.ws.LiveHub;
import io.pulseboard.ws.LiveService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Serves the router and the WebSocket endpoint on the configured address; on undeploy, closes
 * the WebSockets with 1001 and finishes in-flight requests first.
 */
public final class HttpVerticle extends VerticleBase {
  private static final long SHUTDOWN_GRACE_SECONDS = 10;

  private final String host;
  private final int port;
  private final Function<io.vertx.core.Vertx, Future<Router>> routerFactory;
  private final LiveService live;
  private HttpServer server;
  private LiveHub hub;

  public HttpVerticle(String host, int port, Function<io.vertx.core.Vertx, Future<Router>> routerFactory,
      LiveService live) {
    this.host = host;
    this.port = port;
    this.routerFactory = routerFactory;
    this.live = live;
  }

  @Override
  public Future<?> start() {
    return routerFactory.apply(vertx).compose(router -> {
      hub = live.hub(context);
      // /ws is served beside the router, so it never passes the OpenAPI validation.
      server = vertx.createHttpServer(live.configure(new HttpServerOptions().setCompressionSupported(true)));
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

  public int actualPort() {
    return server.actualPort();
  }
}
