package io.pulseboard.ws;

import io.pulseboard.db.Change;
import io.vertx.core.Future;
import java.util.List;

/**
 * Where a new subscription starts: {@code snapshot} set, or {@code items} (the changes after the
 * client's {@code since} that match the new subscription, in seq order). {@code seq} is what the
 * client has once it got the start: later changes follow.
 */
record Start(long seq, SharedFrame snapshot, List<Change> items) {

  /** Prepares starts; {@link Starts} reads them from the database. */
  interface Source {
    /**
     * The start of this subscribe for a socket that buffers live changes after {@code buffered};
     * the future fails with a {@link ProtocolError} for an unknown metric.
     */
    Future<Start> of(ClientMessage.Subscribe subscribe, long buffered);
  }
}
