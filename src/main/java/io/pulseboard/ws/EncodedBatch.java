package io.pulseboard.ws;

import io.pulseboard.db.Change;
import io.pulseboard.feed.ChangeBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A change batch with its update frame, encoded once for this instance and shared by every
 * event loop, when the first socket needs it (an instance with no socket encodes nothing). Sockets
 * whose subscriptions match only some items get a frame encoded once per distinct subscription
 * set, cached here for the life of the batch.
 */
final class EncodedBatch {
  private final ChangeBatch batch;
  /** The frame of every item: encoded on first use, by whichever event loop needs it first. */
  private volatile SharedFrame all;
  private final long firstSeq;
  private final long createdNanos;
  private final ConcurrentHashMap<Subscriptions, Optional<SharedFrame>> filtered = new ConcurrentHashMap<>();

  /** {@code createdNanos}: when the feed handed over the oldest change in it. */
  EncodedBatch(ChangeBatch batch, long createdNanos) {
    this.batch = batch;
    this.createdNanos = createdNanos;
    this.firstSeq = batch.items().get(0).seq();
  }

  List<Change> items() {
    return batch.items();
  }

  long firstSeq() {
    return firstSeq;
  }

  long lastSeq() {
    return batch.seq();
  }

  long createdNanos() {
    return createdNanos;
  }

  private SharedFrame all() {
    SharedFrame frame = all;
    if (frame == null) {
      synchronized (this) {
        frame = all;
        if (frame == null) {
          frame = SharedFrame.of(Frames.update(batch.items()));
          all = frame;
        }
      }
    }
    return frame;
  }

  /** The frame for these subscriptions, empty when no item matches. */
  Optional<SharedFrame> frameFor(Subscriptions subs) {
    if (subs.everything()) {
      return Optional.of(all());
    }
    return filtered.computeIfAbsent(subs, s -> {
      List<Change> matching = matching(s, Long.MIN_VALUE);
      if (matching.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(matching.size() == batch.items().size() ? all() : SharedFrame.of(Frames.update(matching)));
    });
  }

  /** The items these subscriptions match, with a seq above {@code after}. */
  List<Change> matching(Subscriptions subs, long after) {
    List<Change> out = new ArrayList<>();
    for (Change item : batch.items()) {
      if (item.seq() > after && subs.matches(item)) {
        out.add(item);
      }
    }
    return out;
  }
}
