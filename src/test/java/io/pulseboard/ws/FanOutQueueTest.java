package io.pulseboard.ws;

import static io.pulseboard.ws.Changes.batch;
import static io.pulseboard.ws.Changes.change;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.db.Change;
import io.pulseboard.feed.ChangeBatch;
import io.pulseboard.feed.FeedBacklog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fan-out queue against hubs that finish writing only when the test says. */
@ExtendWith(VertxExtension.class)
class FanOutQueueTest {
  /** A change that waits less than this after the last fan-out was not held back by a pause. */
  private static final int NO_PAUSE_MS = 1000;
  /** How long a slow fan-out is held before its hub says it is done. */
  private static final int SLOW_MS = 400;
  /** Batches offered during a slow fan-out to show a rate it cannot keep up with. */
  private static final int QUICK_BATCHES = 40;

  private final FeedBacklog backlog = new FeedBacklog(FeedBacklog.LIMIT);
  private final List<Long> sent = new CopyOnWriteArrayList<>();

  /** A hub that records each fan-out with its arrival time and holds its completion. */
  private static final class Hub implements FanOutQueue.Target {
    record Got(EncodedBatch batch, Runnable done, long atNanos) {}

    private final Context context;
    private final BlockingQueue<Got> got = new LinkedBlockingQueue<>();

    Hub(Vertx vertx) {
      this.context = vertx.getOrCreateContext();
    }

    @Override
    public Context context() {
      return context;
    }

    @Override
    public void deliver(EncodedBatch batch, Runnable done) {
      assertThat(Vertx.currentContext()).isSameAs(context);
      got.add(new Got(batch, done, System.nanoTime()));
    }

    Got next() throws InterruptedException {
      Got next = got.poll(10, TimeUnit.SECONDS);
      assertThat(next).as("a fan-out").isNotNull();
      return next;
    }

    /** Nothing arrives for a while (used only where the point is that nothing may arrive). */
    void nothingFor(long ms) throws InterruptedException {
      assertThat(got.poll(ms, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  private FanOutQueue queue(Vertx vertx, List<Hub> hubs, int coalesceMs) {
    return new FanOutQueue(vertx, () -> hubs, sent::add, backlog, coalesceMs);
  }

  private static List<Long> seqs(EncodedBatch batch) {
    return batch.items().stream().map(Change::seq).toList();
  }

  @Test
  void a_batch_after_a_quiet_spell_goes_out_at_once_even_with_a_long_window(Vertx vertx) throws Exception {
    Hub hub = new Hub(vertx);
    long offered = System.nanoTime();
    queue(vertx, List.of(hub), 60_000).offer(batch(change(1, "offices", "asia")));
    Hub.Got got = hub.next();
    assertThat(seqs(got.batch())).containsExactly(1L);
    assertThat(TimeUnit.NANOSECONDS.toMillis(got.atNanos() - offered)).isLessThan(5_000);
    assertThat(sent).containsExactly(1L);
  }

  @Test
  void batches_offered_while_a_fan_out_is_written_wait_and_then_go_out_together(Vertx vertx) throws Exception {
    Hub hub = new Hub(vertx);
    FanOutQueue queue = queue(vertx, List.of(hub), 0);
    queue.offer(batch(change(1, "offices", "asia")));
    Hub.Got first = hub.next();
    queue.offer(batch(change(2, "offices", "asia"), change(3, "weekly_users", "kr")));
    queue.offer(batch(change(4, "offices", "global")));
    hub.nothingFor(200);
    first.done().run();
    EncodedBatch together = hub.next().batch();
    assertThat(seqs(together)).containsExactly(2L, 3L, 4L);
    assertThat(together.firstSeq()).isEqualTo(2L);
    assertThat(together.lastSeq()).isEqualTo(4L);
    assertThat(sent).containsExactly(1L, 4L);
  }

  @Test
  void after_quick_fan_outs_a_change_goes_out_at_once_however_long_the_cap(Vertx vertx) throws Exception {
    Hub hub = new Hub(vertx);
    FanOutQueue queue = queue(vertx, List.of(hub), 60_000);
    queue.offer(batch(change(1, "offices", "asia")));
    Hub.Got first = hub.next();
    first.done().run();
    for (long seq = 2; seq <= 4; seq++) {
      long offered = System.nanoTime();
      queue.offer(batch(change(seq, "offices", "asia")));
      Hub.Got got = hub.next();
      assertThat(seqs(got.batch())).containsExactly(seq);
      assertThat(TimeUnit.NANOSECONDS.toMillis(got.atNanos() - offered)).as("no pause after a quick fan-out")
          .isLessThan(NO_PAUSE_MS);
      got.done().run();
    }
  }

  @Test
  void while_batches_come_faster_than_slow_fan_outs_they_wait_twice_its_time_from_its_start_and_go_out_as_one(
      Vertx vertx) throws Exception {
    Hub hub = new Hub(vertx);
    FanOutQueue queue = queue(vertx, List.of(hub), 60_000);
    Hub.Got first = slowFanOutUnderLoad(queue, hub);
    Hub.Got second = hub.next();
    assertThat(seqs(second.batch())).containsExactlyElementsOf(LongStream.rangeClosed(2, 1 + QUICK_BATCHES).boxed().toList());
    assertThat(TimeUnit.NANOSECONDS.toMillis(second.atNanos() - first.atNanos()))
        .as("the next fan-out starts twice the last one's time after its start")
        .isGreaterThanOrEqualTo(FanOutQueue.LOAD_FACTOR * SLOW_MS - 50);
  }

  @Test
  void a_slow_fan_out_does_not_hold_back_a_change_that_comes_seldom(Vertx vertx) throws Exception {
    Hub hub = new Hub(vertx);
    FanOutQueue queue = queue(vertx, List.of(hub), 60_000);
    queue.offer(batch(change(1, "offices", "asia")));
    Hub.Got first = hub.next();
    Thread.sleep(SLOW_MS);
    first.done().run();
    long offered = System.nanoTime();
    queue.offer(batch(change(2, "offices", "asia")));
    Hub.Got second = hub.next();
    assertThat(seqs(second.batch())).containsExactly(2L);
    assertThat(TimeUnit.NANOSECONDS.toMillis(second.atNanos() - offered))
        .as("a pause would merge nothing here: at once, not %d ms later", SLOW_MS)
        .isLessThan(SLOW_MS / 2);
  }

  @Test
  void the_pause_never_exceeds_the_cap(Vertx vertx) throws Exception {
    Hub hub = new Hub(vertx);
    int capMs = SLOW_MS + SLOW_MS / 4;
    FanOutQueue queue = queue(vertx, List.of(hub), capMs);
    Hub.Got first = slowFanOutUnderLoad(queue, hub);
    Hub.Got second = hub.next();
    assertThat(TimeUnit.NANOSECONDS.toMillis(second.atNanos() - first.atNanos()))
        .as("the cap after the last start, not twice the last fan-out's time")
        .isBetween(capMs - 50L, FanOutQueue.LOAD_FACTOR * SLOW_MS - 50L);
  }

  @Test
  void the_pause_shrinks_again_once_fan_outs_are_quick(Vertx vertx) throws Exception {
    Hub hub = new Hub(vertx);
    FanOutQueue queue = queue(vertx, List.of(hub), 60_000);
    Hub.Got slow = slowFanOutUnderLoad(queue, hub);
    hub.next().done().run();
    long seq = 2 + QUICK_BATCHES;
    long lastPauseMs = Long.MAX_VALUE;
    for (int i = 0; i < 40 && lastPauseMs > 20; i++) {
      long offered = System.nanoTime();
      queue.offer(batch(change(seq++, "offices", "asia")));
      Hub.Got got = hub.next();
      got.done().run();
      lastPauseMs = TimeUnit.NANOSECONDS.toMillis(got.atNanos() - offered);
    }
    assertThat(slow.batch().firstSeq()).isEqualTo(1L);
    assertThat(lastPauseMs).as("quick fan-outs bring the pause back near zero").isLessThanOrEqualTo(20);
  }

  /**
   * A first fan-out that takes {@link #SLOW_MS} while {@link #QUICK_BATCHES} batches arrive a few
   * milliseconds apart (seqs 2 on), which wait; returns the first, done.
   */
  private static Hub.Got slowFanOutUnderLoad(FanOutQueue queue, Hub hub) throws InterruptedException {
    queue.offer(batch(change(1, "offices", "asia")));
    Hub.Got first = hub.next();
    for (int i = 0; i < QUICK_BATCHES; i++) {
      queue.offer(batch(change(2 + i, "offices", i % 2 == 0 ? "asia" : "global")));
      Thread.sleep(SLOW_MS / QUICK_BATCHES);
    }
    first.done().run();
    return first;
  }

  @Test
  void the_next_fan_out_waits_for_every_hub_to_finish(Vertx vertx) throws Exception {
    Hub a = new Hub(vertx);
    Hub b = new Hub(vertx);
    FanOutQueue queue = queue(vertx, List.of(a, b), 0);
    queue.offer(batch(change(1, "offices", "asia")));
    Hub.Got atA = a.next();
    Hub.Got atB = b.next();
    assertThat(atA.batch()).as("one encoding shared by the hubs").isSameAs(atB.batch());
    queue.offer(batch(change(2, "offices", "asia")));
    atA.done().run();
    a.nothingFor(200);
    atB.done().run();
    assertThat(seqs(a.next().batch())).containsExactly(2L);
    assertThat(seqs(b.next().batch())).containsExactly(2L);
  }

  @Test
  void waiting_batches_merge_only_up_to_the_item_cap_of_a_frame(Vertx vertx) throws Exception {
    Hub hub = new Hub(vertx);
    FanOutQueue queue = queue(vertx, List.of(hub), 0);
    queue.offer(batch(change(1, "offices", "asia")));
    Hub.Got first = hub.next();
    queue.offer(many(2, 600));
    queue.offer(many(602, 600));
    first.done().run();
    Hub.Got second = hub.next();
    assertThat(second.batch().items()).hasSize(600);
    second.done().run();
    Hub.Got third = hub.next();
    assertThat(third.batch().firstSeq()).isEqualTo(602L);
    assertThat(third.batch().items()).hasSize(600);
  }

  @Test
  void the_backlog_counts_changes_until_every_hub_has_written_them(Vertx vertx) throws Exception {
    Hub hub = new Hub(vertx);
    FanOutQueue queue = queue(vertx, List.of(hub), 0);
    queue.offer(batch(change(1, "offices", "asia"), change(2, "offices", "global")));
    Hub.Got got = hub.next();
    assertThat(backlog.items()).isEqualTo(2);
    got.done().run();
    assertThat(backlog.items()).isZero();
  }

  @Test
  void with_no_hub_batches_are_counted_done_at_once(Vertx vertx) {
    FanOutQueue queue = queue(vertx, List.of(), 0);
    queue.offer(batch(change(1, "offices", "asia")));
    queue.offer(batch(change(2, "offices", "asia")));
    assertThat(backlog.items()).isZero();
    assertThat(sent).containsExactly(1L, 2L);
  }

  private static ChangeBatch many(long firstSeq, int count) {
    List<Change> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(change(firstSeq + i, "offices", "r" + i));
    }
    return new ChangeBatch(items, firstSeq + count - 1);
  }
}
