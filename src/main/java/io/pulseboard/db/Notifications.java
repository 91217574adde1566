package io.pulseboard.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.HashSet;
import java.util.Set;

/**
 * The one LISTEN connection of an instance, for every channel it listens to. PostgreSQL (up to
 * version 18) wakes every backend of the database that listens to any channel on each
 * {@code NOTIFY}: with a connection per channel, each commit of points woke four backends, three
 * of them for nothing (docs/performance.md, "Small writes, ninth pass"). Each listener's
 * handlers run on the context it listened from. The connection reconnects after 100 ms, backing
 * off to 5 s ({@link Database#subscriber}); each listener's {@code subscribed} handler runs again
 * after every reconnect, which is where it catches up on what it missed. It closes when its last
 * listener stops, and opens again for the next. Thread-safe.
 */
public final class Notifications {
  /** A channel listened to: {@link #stop()} ends it. */
  public final class Listening {
    private volatile boolean stopped;

    private Listening() {}

    /**
     * Stops the handlers; the connection (and with it every LISTEN) closes after the last listener
     * stops. No UNLISTEN: listeners stop as the instance stops, while Vert.x closes the connection.
     * Once; later calls do nothing.
     */
    public Future<Void> stop() {
      PgSubscriber closing;
      synchronized (Notifications.this) {
        if (stopped) {
          return Future.succeededFuture();
        }
        stopped = true;
        if (--listening > 0) {
          return Future.succeededFuture();
        }
        closing = subscriber;
        subscriber = null;
        connected = null;
        channels.clear();
      }
      return closing == null ? Future.succeededFuture() : closing.close();
    }
  }

  private final Vertx vertx;
  /** Where the connection is made: a verticle's context would close it when that verticle stops. */
  private final Context own;
  private final PgConnectOptions options;
  private PgSubscriber subscriber;
  private Future<Void> connected;
  /** The channels of this connection: one listener each, for the life of the connection. */
  private final Set<String> channels = new HashSet<>();
  private int listening;

  /** Made outside any verticle (its connection must not belong to one). */
  public Notifications(Vertx vertx, PgConnectOptions options) {
    this.vertx = vertx;
    this.own = vertx.getOrCreateContext();
    this.options = new PgConnectOptions(options);
  }

  /**
   * Listens to {@code channel} from the current context: {@code subscribed} runs once listening and
   * after every reconnect, {@code payload} for each notification, both on that context. The future
   * holds the listening once it has begun; it fails when the connection cannot be made. One
   * listener a channel.
   */
  public Future<Listening> listen(String channel, Handler<Void> subscribed, Handler<String> payload) {
    Context context = vertx.getOrCreateContext();
    Promise<Void> begun = Promise.promise();
    Listening listener = new Listening();
    Future<Void> connecting;
    synchronized (this) {
      if (!channels.add(channel)) {
        return Future.failedFuture(new IllegalStateException("already listening to " + channel));
      }
      if (subscriber == null) {
        subscriber = Database.subscriber(vertx, options);
      }
      subscriber.channel(channel)
          .subscribeHandler(v -> context.runOnContext(x -> {
            if (!listener.stopped) {
              begun.tryComplete();
              subscribed.handle(null);
            }
          }))
          .handler(text -> context.runOnContext(x -> {
            if (!listener.stopped) {
              payload.handle(text);
            }
          }));
      listening++;
      if (connected == null) {
        PgSubscriber opening = subscriber;
        Promise<Void> made = Promise.promise();
        own.runOnContext(v -> opening.connect().onComplete(made));
        connected = made.future();
      }
      connecting = connected;
    }
    return connecting.compose(v -> begun.future(), e -> listener.stop().transform(x -> Future.failedFuture(e)))
        .map(listener);
  }
}
