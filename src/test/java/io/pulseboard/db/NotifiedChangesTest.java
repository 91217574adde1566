package io.pulseboard.db;

import static io.pulseboard.db.ChangeAssertions.assertSameChanges;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.RunningApp;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A commit of a few changes carries them in its notification (migration V023), and what it
 * carries is what the feed's read gives: the same seqs, labels in their stored order, times to the
 * microsecond, values to the bit, sources and writers; a correction carries its new value and seq.
 * A commit of many changes, or of changes too long for a notification, sends its top seq alone.
 */
class NotifiedChangesTest {
  @RegisterExtension
  static final RunningApp running = new RunningApp();

  private static final BlockingQueue<String> payloads = new LinkedBlockingQueue<>();
  private static PgSubscriber subscriber;

  @BeforeAll
  static void listen() throws Exception {
    subscriber = Database.subscriber(running.app().vertx(), PgConnectOptions.fromUri(running.db()));
    subscriber.channel(PointRepository.CHANNEL).handler(payloads::add);
    await(subscriber.connect());
  }

  @AfterAll
  static void stop() throws Exception {
    await(subscriber.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static PointInput point(Map<String, String> labels, String ts, double value, String source) {
    return new PointInput("weekly_users", labels, OffsetDateTime.parse(ts), value, source);
  }

  private static String minute(int i) {
    return String.format("2031-07-01T00:%02d:00Z", i);
  }

  private static Map<String, String> region(String region) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("region", region);
    return labels;
  }

  /** Writes one request the way the API does and returns the payload of its notification. */
  private static String write(List<PointInput> points, Long tokenId) throws Exception {
    payloads.clear();
    WriteResult result = await(new GroupCommit(running.app().pool()).write(points, tokenId));
    while (true) {
      String payload = payloads.poll(10, TimeUnit.SECONDS);
      assertThat(payload).as("the notification of seq %d", result.seq()).isNotNull();
      if (ChangeRepository.notification(payload).head() == result.seq()) {
        return payload;
      }
    }
  }

  private static List<Change> read(long after) {
    return ChangeAssertions.read(running.app().pool(), after);
  }

  private static long head() {
    return ChangeAssertions.head(running.db());
  }

  @Test
  void a_small_commit_carries_its_changes_exactly_as_the_feed_reads_them() throws Exception {
    long before = head();
    Map<String, String> odd = region("서울 \"quoted\" \\ back\u00adslash");
    List<PointInput> points = List.of(
        point(region("notified-a"), "2031-05-06T07:08:09.123456Z", 0.1 + 0.2, "report \"Q1\"\nline two 🚀"),
        point(odd, "2031-05-06T07:08:09+09:00", -0.0, ""),
        point(region("notified-b"), "0999-01-01T00:00:00Z", Double.MAX_VALUE, "max"),
        point(region("notified-c"), "9999-12-31T23:59:59.999999Z", Double.MIN_VALUE, "min"),
        point(region("notified-d"), "2031-05-06T00:00:00Z", 1.7645e12, "an epoch in ms"));
    ChangeRepository.Notification notification = ChangeRepository.notification(write(points, 42L));
    List<Change> read = read(before);
    assertThat(read).hasSize(5);
    assertThat(notification.head()).isEqualTo(before + 5);
    assertSameChanges(notification.changes(), read);
    assertThat(notification.changes()).allSatisfy(c -> assertThat(c.tokenId()).isEqualTo(42L));
    assertThat(notification.changes().get(0).ts()).isEqualTo(Instant.parse("2031-05-06T07:08:09.123456Z"));

    long next = head();
    ChangeRepository.Notification unsigned =
        ChangeRepository.notification(write(List.of(point(region("notified-a"), "2031-05-07T00:00:00Z", 7, "x")), null));
    assertSameChanges(unsigned.changes(), read(next));
    assertThat(unsigned.changes().get(0).tokenId()).isNull();
  }

  @Test
  void a_correction_carries_the_new_value_with_its_new_seq() throws Exception {
    write(List.of(point(region("notified-corrected"), "2031-06-01T00:00:00Z", 1, "first")), null);
    long before = head();
    ChangeRepository.Notification notification = ChangeRepository.notification(
        write(List.of(point(region("notified-corrected"), "2031-06-01T00:00:00Z", 2, "corrected")), null));
    assertThat(notification.changes()).singleElement().satisfies(c -> {
      assertThat(c.seq()).isEqualTo(before + 1);
      assertThat(c.value()).isEqualTo(2.0);
      assertThat(c.source()).isEqualTo("corrected");
    });
    assertSameChanges(notification.changes(), read(before));
  }

  @Test
  void many_changes_or_long_ones_send_the_top_seq_alone() throws Exception {
    List<PointInput> many = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      many.add(point(region("notified-many"), minute(i), i, "m"));
    }
    String payload = write(many, null);
    assertThat(payload).isEqualTo(String.valueOf(head()));
    assertThat(ChangeRepository.notification(payload).changes()).isEmpty();

    List<PointInput> longOnes = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      longOnes.add(point(region("notified-long-" + i), "2031-07-01T00:00:00Z", i, "s".repeat(500)));
    }
    payload = write(longOnes, null);
    assertThat(payload).isEqualTo(String.valueOf(head()));

    List<PointInput> fit = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      fit.add(point(region("notified-fit"), minute(i), i, "f"));
    }
    long before = head();
    assertSameChanges(ChangeRepository.notification(write(fit, null)).changes(), read(before));
  }

  @Test
  void a_payload_that_is_not_understood_has_no_head_and_no_changes() {
    for (String payload : List.of("", "x", "{", "{\"head\":3}", "{\"head\":3,\"changes\":[{\"seq\":\"a\"}]}")) {
      assertThat(ChangeRepository.notification(payload)).as(payload)
          .isEqualTo(new ChangeRepository.Notification(-1, List.of()));
    }
    assertThat(ChangeRepository.notification("17")).isEqualTo(new ChangeRepository.Notification(17, List.of()));
  }
}
