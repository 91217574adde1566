package io.pulseboard.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Serves the router on the configured address; on undeploy, finishes in-flight requests first. */
public final class HttpVerticle extends VerticleBase {
  private static final long SHUTDOWN_GRACE_SECONDS = 10;

  private final String host;
  private final int port;
  private final Function<io.vertx.core.Vertx, Future<Router>> routerFactory;
  private HttpServer server;

  public HttpVerticle(String host, int port, Function<io.vertx.core.Vertx, Future<Router>> routerFactory) {
    this.host = host;
    this.port = port;
    this.routerFactory = routerFactory;
  }

  @Override
  public Future<?> start() {
    return routerFactory.apply(vertx).compose(router -> {
      server = vertx.createHttpServer(new HttpServerOptions()
          .setCompressionSupported(true)
          .setMaxWebSocketFrameSize(64 * 1024));
      return server.requestHandler(router).listen(port, host);
    });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
