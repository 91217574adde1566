package io.pulseboard.notify;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A real webhook receiver for the tests: an HTTP server on 127.0.0.1 that records every request
 * and answers as the test says (a status, or {@code null} for no answer at all). It can be closed
 * (connections refused) and opened again on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** One request as it arrived, and what it was answered ({@code null}: nothing). */
  public record Received(String rawBody, JsonObject body, String signature, Integer answered) {
    public String id() {
      return body.getString("id");
    }

    public String series() {
      return body.getString("series");
    }

    public long transition() {
      return body.getLong("transition");
    }
  }

  private final Vertx vertx;
  private final List<Received> received = new ArrayList<>();
  private volatile Function<JsonObject, Integer> answer = body -> 200;
  private HttpServer server;
  private int port;

  public WebhookReceiver(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Listens on a free port, or the port it had before when reopened. */
  public WebhookReceiver open() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    port = server.listen(port, "127.0.0.1").await().actualPort();
    return this;
  }

  /** Stops listening: the sender's connections are refused until {@link #open} again. */
  public void shut() {
    server.close().await();
  }

  public int port() {
    return port;
  }

  /** The URL of its hook path. */
  public String url(String host) {
    return "http://" + host + ":" + port + "/hook?team=growth";
  }

  /** How it answers from now on: a status, or {@code null} to never answer. */
  public void answer(Function<JsonObject, Integer> answer) {
    this.answer = answer;
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** The ids answered 2xx, each once. */
  public synchronized Set<String> deliveredIds() {
    Set<String> ids = new TreeSet<>();
    received.stream().filter(r -> r.answered() != null && r.answered() / 100 == 2).forEach(r -> ids.add(r.id()));
    return ids;
  }

  /**
   * The requests that broke the order of their series: a transition sent while an earlier one of
   * the same series had not yet been answered 2xx.
   */
  public synchronized List<String> outOfOrder(Map<String, Long> firstTransition) {
    Map<String, Long> deliveredUpTo = new LinkedHashMap<>();
    List<String> faults = new ArrayList<>();
    for (Received r : received) {
      long expected = deliveredUpTo.getOrDefault(r.series(), firstTransition.getOrDefault(r.series(), 1L) - 1);
      if (r.transition() > expected + 1) {
        faults.add(r.series() + " #" + r.transition() + " sent before #" + (expected + 1) + " was delivered");
      }
      if (r.answered() != null && r.answered() / 100 == 2) {
        deliveredUpTo.merge(r.series(), r.transition(), Math::max);
      }
    }
    return faults;
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(buffer -> {
      JsonObject body = buffer.toJsonObject();
      Integer status = answer.apply(body);
      synchronized (this) {
        received.add(new Received(buffer.toString(), body, request.getHeader("X-Pulseboard-Signature"), status));
      }
      if (status != null) {
        request.response().setStatusCode(status).end();
      }
    });
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().await();
    }
  }
}
