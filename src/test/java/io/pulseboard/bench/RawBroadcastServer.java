package io.pulseboard.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The reference for {@link FanOutBench}: the best simple implementation of the same job with no
 * storage. As Pulseboard does, it runs one HTTP server verticle per core, each holding its own
 * sockets on its own event loop, and writes one shared buffer to every socket: {@code POST
 * /publish} takes its body's bytes once and hands them to every verticle on its own event loop,
 * which writes them, as a text frame, to its sockets, 128 per event-loop task (Pulseboard's
 * slice), the bytes shared as Pulseboard shares an encoded update.
 * Run: {@code java -cp ... io.pulseboard.bench.RawBroadcastServer <port>}.
 */
public final class RawBroadcastServer extends AbstractVerticle {
  private static final List<RawBroadcastServer> LOOPS = new CopyOnWriteArrayList<>();
  private static final int SLICE = 128;

  private final int port;
  private final List<ServerWebSocket> sockets = new ArrayList<>();

  private RawBroadcastServer(int port) {
    this.port = port;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int cores = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new RawBroadcastServer(port), new DeploymentOptions().setInstances(cores)).await();
    System.out.println("raw broadcast server listening on " + port + " with " + cores + " event loops");
  }

  @Override
  public void start(Promise<Void> started) {
    LOOPS.add(this);
    vertx.createHttpServer(new HttpServerOptions().setPerMessageWebSocketCompressionSupported(false))
        .webSocketHandler(ws -> {
          sockets.add(ws);
          ws.closeHandler(v -> sockets.remove(ws));
        })
        .requestHandler(req -> {
          if (req.method() == HttpMethod.POST && req.path().equals("/publish")) {
            req.body().onSuccess(body -> {
              ByteBuf bytes = Unpooled.wrappedBuffer(body.getBytes());
              LOOPS.forEach(loop -> loop.context.runOnContext(v -> loop.broadcast(bytes)));
              req.response().end();
            });
          } else {
            req.response().setStatusCode(req.path().equals("/health/ready") ? 200 : 404).end();
          }
        })
        .listen(port, "127.0.0.1").<Void>mapEmpty().onComplete(started);
  }

  private void broadcast(ByteBuf bytes) {
    write(bytes, sockets.toArray(new ServerWebSocket[0]), 0);
  }

  private void write(ByteBuf bytes, ServerWebSocket[] targets, int from) {
    int to = Math.min(targets.length, from + SLICE);
    for (int i = from; i < to; i++) {
      ByteBuf view = Unpooled.unreleasableBuffer(bytes.duplicate());
      targets[i].writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, view, true));
    }
    if (to < targets.length) {
      context.runOnContext(v -> write(bytes, targets, to));
    }
  }
}
