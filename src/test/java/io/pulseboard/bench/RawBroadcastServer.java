package io.pulseboard.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline for {@link FanOutBench}: a minimal Vert.x WebSocket broadcaster with no storage.
 * {@code POST /publish} sends its body as a text frame to every open socket. Run:
 * {@code java -cp ... io.pulseboard.bench.RawBroadcastServer <port>}.
 */
public final class RawBroadcastServer {
  private RawBroadcastServer() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx();
    Set<ServerWebSocket> sockets = ConcurrentHashMap.newKeySet();
    vertx.createHttpServer(new HttpServerOptions().setPerMessageWebSocketCompressionSupported(false))
        .webSocketHandler(ws -> {
          sockets.add(ws);
          ws.closeHandler(v -> sockets.remove(ws));
        })
        .requestHandler(req -> {
          if (req.method() == HttpMethod.POST && req.path().equals("/publish")) {
            req.body().onSuccess(body -> {
              String text = body.toString();
              sockets.forEach(ws -> ws.writeTextMessage(text));
              req.response().end();
            });
          } else {
            req.response().setStatusCode(req.path().equals("/health/ready") ? 200 : 404).end();
          }
        })
        .listen(port, "127.0.0.1").await();
    System.out.println("raw broadcast server listening on " + port);
  }
}
