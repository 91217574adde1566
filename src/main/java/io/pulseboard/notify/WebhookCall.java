package io.pulseboard.notify;

import io.pulseboard.db.PendingNotification;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * One delivery attempt of one notification: resolve the target's host, check every address it
 * resolves to, then connect to the checked address (the request still names the host, for the
 * {@code Host} header and TLS), so a name that resolves elsewhere a moment later cannot slip past
 * the check. The whole attempt, resolution included, ends within the timeout.
 */
final class WebhookCall {
  private static final String USER_AGENT = "Pulseboard-Webhook/1";

  private final Vertx vertx;
  private final WebClient client;
  private final WorkerExecutor resolver;
  private final WebhookTargets targets;
  private final Duration timeout;

  WebhookCall(Vertx vertx, WebClient client, WorkerExecutor resolver, WebhookTargets targets, Duration timeout) {
    this.vertx = vertx;
    this.client = client;
    this.resolver = resolver;
    this.targets = targets;
    this.timeout = timeout;
  }

  /** Sends the notification once; the future holds how it ended (it does not fail). */
  Future<Outcome> send(PendingNotification n) {
    Promise<Outcome> done = Promise.promise();
    long timer = vertx.setTimer(timeout.toMillis(), t -> done.tryComplete(Outcome.failed(null,
        "no answer within " + seconds(timeout))));
    attempt(n).onComplete(ar -> {
      vertx.cancelTimer(timer);
      done.tryComplete(ar.succeeded() ? ar.result() : Outcome.failed(null, scrub(describe(ar.cause()), n.url())));
    });
    return done.future();
  }

  private Future<Outcome> attempt(PendingNotification n) {
    URI uri = WebhookTargets.parse(n.url());
    if (uri == null) {
      return Future.succeededFuture(Outcome.failed(null, "the channel's URL is not usable: "
          + WebhookTargets.urlProblem(n.url())));
    }
    String host = WebhookTargets.host(uri);
    return resolver.executeBlocking(() -> InetAddress.getAllByName(host), false).compose(addresses -> {
      for (InetAddress address : addresses) {
        String refusal = targets.refusal(host, address);
        if (refusal != null) {
          return Future.succeededFuture(Outcome.refused(refusal));
        }
      }
      return post(n, uri, host, addresses[0]);
    });
  }

  private Future<Outcome> post(PendingNotification n, URI uri, String host, InetAddress address) {
    Buffer body = Bodies.render(n.id(), n.body(), n.format());
    String signature = Signature.header(n.secret(), Instant.now().getEpochSecond(), body.getBytes());
    int port = WebhookTargets.port(uri);
    String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    SocketAddress server = SocketAddress.inetSocketAddress(port, address.getHostAddress());
    return client.request(HttpMethod.POST, server, port, host, path)
        .ssl("https".equalsIgnoreCase(uri.getScheme()))
        .followRedirects(false)
        .connectTimeout(timeout.toMillis())
        .idleTimeout(timeout.toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader("User-Agent", USER_AGENT)
        .putHeader(Signature.HEADER, signature)
        .as(BodyCodec.none())
        .sendBuffer(body)
        .map(WebhookCall::outcome);
  }

  private static Outcome outcome(HttpResponse<Void> response) {
    int status = response.statusCode();
    return status >= 200 && status < 300 ? Outcome.delivered(status)
        : Outcome.failed(status, "the receiver answered " + status
            + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""));
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if (e instanceof java.net.UnknownHostException) {
      return "the host " + message + " is not known";
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /**
   * The error without the URL's path or query, which some errors quote: for Slack and others the
   * path is the webhook's secret, and the delivery log is no place for it.
   */
  static String scrub(String error, String url) {
    URI uri = WebhookTargets.parse(url);
    if (uri == null) {
      return error;
    }
    String scrubbed = error;
    for (String part : new String[] {uri.getRawQuery(), uri.getRawPath()}) {
      if (part != null && part.length() > 1) {
        scrubbed = scrubbed.replace(part, "/…");
      }
    }
    return scrubbed;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
