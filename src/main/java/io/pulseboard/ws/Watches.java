package io.pulseboard.ws;

import io.pulseboard.auth.Principal;
import io.pulseboard.db.Event;
import io.pulseboard.db.EventRepository;
import io.pulseboard.feed.EventBatch;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The event topics one socket watches ({@code watch}/{@code unwatch}) and its place in the event
 * feed. A {@code watch} with {@code since} replays the events after it from the database while live
 * batches wait here, then the waiting ones follow from where the replay ended: no gap, no
 * duplicate, as for points. Events a socket's token may not read are left out.
 */
final class Watches {
  /** Makes the watches of a socket; {@code onReplayChange} runs when a replay starts or ends. */
  interface Factory {
    Watches create(Outbox outbox, Principal principal, Runnable onReplayChange);
  }

  /** Most events a resume replays; further behind, the answer is a reset (load the state again). */
  static final int RESUME_LIMIT = 1000;

  private final Outbox outbox;
  private final Principal principal;
  private final EventRepository events;
  private final LongSupplier delivered;
  private final Runnable onReplayChange;
  private Set<String> topics = Set.of();
  private long sent;
  private List<EventBatch> buffer;

  /**
   * {@code delivered} gives the last event seq handed to this socket's hub;
   * {@code onReplayChange} runs when a replay starts or ends (reading pauses meanwhile).
   */
  Watches(Outbox outbox, Principal principal, EventRepository events, LongSupplier delivered,
      Runnable onReplayChange) {
    this.outbox = outbox;
    this.principal = principal;
    this.events = events;
    this.delivered = delivered;
    this.onReplayChange = onReplayChange;
  }

  /** Whether a replay is being read (then the socket reads no further client frames). */
  boolean replaying() {
    return buffer != null;
  }

  /** Follows exactly these topics from now on, or answers {@code forbidden} and changes nothing. */
  void watch(ClientMessage.Watch watch) {
    for (String topic : watch.topics()) {
      if (!mayWatch(topic)) {
        outbox.control(SharedFrame.of(Frames.error(Frames.FORBIDDEN, "this token lacks the scope read for the topic "
            + topic + "; nothing was watched").put("missing_scope", "read")));
        return;
      }
    }
    topics = Set.copyOf(watch.topics());
    if (watch.since() == null) {
      sent = Math.max(sent, delivered.getAsLong());
      outbox.control(SharedFrame.of(Frames.events(sent, new JsonArray(), false)));
      return;
    }
    buffer = new ArrayList<>();
    onReplayChange.run();
    long since = watch.since();
    long upTo = delivered.getAsLong();
    replay(since, upTo).onComplete(ar -> replayed(ar, since, upTo));
  }

  /** Stops following these topics ({@code null}: all). */
  void unwatch(ClientMessage.Unwatch unwatch) {
    if (unwatch.topics() == null) {
      topics = Set.of();
    } else {
      List<String> left = new ArrayList<>(topics);
      left.removeAll(unwatch.topics());
      topics = Set.copyOf(left);
    }
  }

  /** A live batch of the event feed. */
  void deliver(EventBatch batch) {
    if (buffer != null) {
      buffer.add(batch);
      return;
    }
    if (batch.seq() <= sent) {
      return;
    }
    JsonArray items = visible(batch.items(), sent);
    sent = batch.seq();
    if (!items.isEmpty()) {
      outbox.control(SharedFrame.of(Frames.events(sent, items, false)));
    }
  }

  void closed() {
    buffer = null;
  }

  /** The events after {@code since}, or {@code null} when it cannot be resumed (too far behind, or ahead of the feed). */
  private Future<List<Event>> replay(long since, long upTo) {
    Future<Boolean> ahead = since > upTo ? events.head().map(head -> since > head) : Future.succeededFuture(false);
    return ahead.compose(isAhead -> isAhead ? Future.succeededFuture(null)
        : events.since(since, RESUME_LIMIT + 1).map(found -> found.size() > RESUME_LIMIT ? null : found));
  }

  private void replayed(AsyncResult<List<Event>> ar, long since, long upTo) {
    List<EventBatch> waiting = buffer;
    buffer = null;
    if (waiting == null) {
      return; // closed meanwhile
    }
    if (ar.failed()) {
      topics = Set.of();
      outbox.control(SharedFrame.of(Frames.error(Frames.UNAVAILABLE,
          "the database is unavailable; watch again later")));
    } else if (ar.result() == null) {
      sent = Math.max(sent, upTo);
      outbox.control(SharedFrame.of(Frames.events(sent, new JsonArray(), true)));
    } else {
      List<Event> found = ar.result();
      long last = found.isEmpty() ? since : found.get(found.size() - 1).seq();
      sent = Math.max(since, last);
      outbox.control(SharedFrame.of(Frames.events(sent, visible(found, since), false)));
    }
    waiting.forEach(this::deliver);
    onReplayChange.run();
  }

  private JsonArray visible(List<Event> items, long after) {
    JsonArray visible = new JsonArray();
    for (Event event : items) {
      if (event.seq() > after && topics.contains(event.topic()) && mayRead(event)) {
        visible.add(event.toJson());
      }
    }
    return visible;
  }

  private boolean mayWatch(String topic) {
    return principal == null || principal.mayRead() || (Event.BOARDS.equals(topic) && !principal.boards().isEmpty());
  }

  private boolean mayRead(Event event) {
    return principal == null || (Event.BOARDS.equals(event.topic())
        ? principal.mayReadBoard(event.subject()) : principal.mayRead());
  }
}
