package io.pulseboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulseboard.db.Change;
import io.pulseboard.telemetry.ServerMeters;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a test's change feed publishes on the local event bus, in order, and the feed's meters (to
 * be given to the feed it deploys): how many batches came from each source. Every batch must
 * arrive counted, so that a test that reads the meters after a batch arrives sees it.
 */
public final class Published {
  private final BlockingQueue<ChangeBatch> batches = new LinkedBlockingQueue<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ServerMeters meters = new ServerMeters(registry);
  private final AtomicInteger received = new AtomicInteger();
  /** Batches that arrived before the feed had counted them: a test reading the meters would miss them. */
  private final AtomicInteger uncounted = new AtomicInteger();

  private Published() {}

  /** Starts listening; deploy the feed after this. */
  public static Published listen(Vertx vertx) {
    Published published = new Published();
    vertx.eventBus().<ChangeBatch>localConsumer(ChangeBatch.ADDRESS, msg -> {
      if (published.counted() < published.received.incrementAndGet()) {
        published.uncounted.incrementAndGet();
      }
      published.batches.add(msg.body());
    }).completion().await();
    return published;
  }

  /** The meters to give the feed. */
  public ServerMeters meters() {
    return meters;
  }

  public SimpleMeterRegistry registry() {
    return registry;
  }

  /** The next batch published within {@code millis}, or {@code null}; every batch arrives counted. */
  public ChangeBatch poll(long millis) throws InterruptedException {
    ChangeBatch batch = batches.poll(millis, TimeUnit.MILLISECONDS);
    assertThat(uncounted.get()).as("batches that arrived before the feed counted them").isZero();
    return batch;
  }

  /** The next {@code count} changes published, in the order they were published. */
  public List<Change> collect(int count) throws InterruptedException {
    List<Change> changes = new ArrayList<>();
    while (changes.size() < count) {
      ChangeBatch batch = poll(10_000);
      assertThat(batch).as("published after %d of %d changes", changes.size(), count).isNotNull();
      changes.addAll(batch.items());
    }
    return changes;
  }

  /** Change batches published from any source, by the feed's meter. */
  private double counted() {
    return registry.find("pulseboard.feed.batches").counters().stream().mapToDouble(c -> c.count()).sum();
  }

  /** Change batches published from this source ("read", "write", "notification"), by the feed's meter. */
  public double batches(String source) {
    return registry.get("pulseboard.feed.batches").tag("source", source).counter().count();
  }
}
