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

/**
 * What a test's change feed publishes on the local event bus, in order, and the feed's meters (to
 * be given to the feed it deploys): how many batches came from each source.
 */
public final class Published {
  private final BlockingQueue<ChangeBatch> batches = new LinkedBlockingQueue<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ServerMeters meters = new ServerMeters(registry);

  private Published() {}

  /** Starts listening; deploy the feed after this. */
  public static Published listen(Vertx vertx) {
    Published published = new Published();
    vertx.eventBus().<ChangeBatch>localConsumer(ChangeBatch.ADDRESS, msg -> published.batches.add(msg.body()))
        .completion().await();
    return published;
  }

  /** The meters to give the feed. */
  public ServerMeters meters() {
    return meters;
  }

  public SimpleMeterRegistry registry() {
    return registry;
  }

  /** The next batch published within {@code millis}, or {@code null}. */
  public ChangeBatch poll(long millis) throws InterruptedException {
    return batches.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** The next {@code count} changes published, in the order they were published. */
  public List<Change> collect(int count) throws InterruptedException {
    List<Change> changes = new ArrayList<>();
    while (changes.size() < count) {
      ChangeBatch batch = batches.poll(10, TimeUnit.SECONDS);
      assertThat(batch).as("published after %d of %d changes", changes.size(), count).isNotNull();
      changes.addAll(batch.items());
    }
    return changes;
  }

  /** Change batches published from this source ("read", "write", "notification"), by the feed's meter. */
  public double batches(String source) {
    return registry.get("pulseboard.feed.batches").tag("source", source).counter().count();
  }
}
