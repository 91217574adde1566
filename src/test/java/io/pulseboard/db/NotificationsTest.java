package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulseboard.TestDatabase;
import io.pulseboard.fault.Eventually;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The instance's one LISTEN connection: every channel on it, each listener's handlers on its own
 * context, caught up after a reconnect, and closed after the last listener stops.
 */
class NotificationsTest {
  private static final String LISTENING_BACKENDS = """
      SELECT count(*) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'""";

  private Vertx vertx;
  private String db;
  private Notifications notifications;

  /** A verticle that listens to one channel and records what reaches it, and on which context. */
  private static final class Listener extends VerticleBase {
    private final Notifications notifications;
    private final String channel;
    final BlockingQueue<String> payloads = new LinkedBlockingQueue<>();
    final AtomicInteger subscribed = new AtomicInteger();
    final AtomicInteger elsewhere = new AtomicInteger();
    Notifications.Listening listening;

    Listener(Notifications notifications, String channel) {
      this.notifications = notifications;
      this.channel = channel;
    }

    @Override
    public Future<?> start() {
      return notifications.listen(channel, v -> {
        check();
        subscribed.incrementAndGet();
      }, payload -> {
        check();
        payloads.add(payload);
      }).onSuccess(l -> listening = l);
    }

    @Override
    public Future<?> stop() {
      return listening.stop();
    }

    private void check() {
      if (Vertx.currentContext() != context) {
        elsewhere.incrementAndGet();
      }
    }
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    db = TestDatabase.create();
    notifications = new Notifications(vertx, Database.connectOptions(db));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private Listener deployed(String channel) {
    Listener listener = new Listener(notifications, channel);
    vertx.deployVerticle(listener).await();
    return listener;
  }

  @Test
  void one_connection_carries_every_channel_and_each_handler_runs_on_its_listeners_context() throws Exception {
    Listener a = deployed("pulseboard_test_a");
    Listener b = deployed("pulseboard_test_b");

    assertThat(TestDatabase.queryLong(db, LISTENING_BACKENDS)).isEqualTo(1);
    TestDatabase.execute(db, "SELECT pg_notify('pulseboard_test_a', 'to a')");
    TestDatabase.execute(db, "SELECT pg_notify('pulseboard_test_b', 'to b')");
    assertThat(a.payloads.poll(10, TimeUnit.SECONDS)).isEqualTo("to a");
    assertThat(b.payloads.poll(10, TimeUnit.SECONDS)).isEqualTo("to b");
    assertThat(a.payloads).isEmpty();
    assertThat(a.subscribed).hasValue(1);
    assertThat(b.subscribed).hasValue(1);
    assertThat(a.elsewhere.get() + b.elsewhere.get()).as("handlers run off their listener's context").isZero();
  }

  @Test
  void after_the_connection_is_killed_every_listener_is_subscribed_again_and_hears_again() throws Exception {
    Listener a = deployed("pulseboard_test_a");
    Listener b = deployed("pulseboard_test_b");

    TestDatabase.execute(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
        + " AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'");
    Eventually.await("both subscribed again", 10, () -> a.subscribed.get() == 2 && b.subscribed.get() == 2);

    TestDatabase.execute(db, "SELECT pg_notify('pulseboard_test_b', 'again')");
    assertThat(b.payloads.poll(10, TimeUnit.SECONDS)).isEqualTo("again");
    assertThat(TestDatabase.queryLong(db, LISTENING_BACKENDS)).isEqualTo(1);
    assertThat(a.elsewhere.get() + b.elsewhere.get()).isZero();
  }

  @Test
  void the_connection_closes_after_the_last_listener_stops_and_opens_again_for_the_next() throws Exception {
    Listener a = new Listener(notifications, "pulseboard_test_a");
    Listener b = new Listener(notifications, "pulseboard_test_b");
    String first = vertx.deployVerticle(a).await();
    String second = vertx.deployVerticle(b).await();

    vertx.undeploy(first).await();
    TestDatabase.execute(db, "SELECT pg_notify('pulseboard_test_b', 'still')");
    assertThat(b.payloads.poll(10, TimeUnit.SECONDS)).isEqualTo("still");
    vertx.undeploy(second).await();
    Eventually.await("no LISTEN connection left", 10, () -> TestDatabase.queryLong(db, LISTENING_BACKENDS) == 0);

    Listener c = deployed("pulseboard_test_a");
    TestDatabase.execute(db, "SELECT pg_notify('pulseboard_test_a', 'back')");
    assertThat(c.payloads.poll(10, TimeUnit.SECONDS)).isEqualTo("back");
    assertThat(a.payloads).isEmpty();
  }

  @Test
  void a_second_listener_of_a_channel_is_refused_and_the_first_keeps_it() throws Exception {
    Listener a = deployed("pulseboard_test_a");

    assertThatThrownBy(() -> vertx.deployVerticle(new Listener(notifications, "pulseboard_test_a")).await())
        .hasMessageContaining("already listening to pulseboard_test_a");
    TestDatabase.execute(db, "SELECT pg_notify('pulseboard_test_a', 'kept')");
    assertThat(a.payloads.poll(10, TimeUnit.SECONDS)).isEqualTo("kept");
  }

  @Test
  void a_database_that_cannot_be_reached_fails_the_listen_and_a_later_one_tries_again() {
    Notifications unreachable = new Notifications(vertx,
        Database.connectOptions("postgresql://postgres@127.0.0.1:1/none"));

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> vertx.deployVerticle(new Listener(unreachable, "pulseboard_test_a")).await())
          .hasMessageNotContaining("already listening");
    }
  }
}
