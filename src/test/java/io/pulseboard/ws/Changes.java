package io.pulseboard.ws;

import io.pulseboard.db.Change;
import io.pulseboard.feed.ChangeBatch;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Changes and batches for unit tests. */
final class Changes {
  private Changes() {}

  /** A change of {@code metric} in {@code region} with this seq; its value is the seq. */
  static Change change(long seq, String metric, String region) {
    return new Change(seq, metric, Map.of("region", region), Instant.ofEpochSecond(1_700_000_000L + seq), seq, "test");
  }

  static ChangeBatch batch(Change... changes) {
    return new ChangeBatch(List.of(changes), changes[changes.length - 1].seq());
  }

  static EncodedBatch encoded(Change... changes) {
    return new EncodedBatch(batch(changes), System.nanoTime());
  }

  /** The seqs of the items of an update frame. */
  static List<Long> seqs(JsonObject update) {
    return update.getJsonArray("items").stream().map(i -> ((JsonObject) i).getLong("seq")).toList();
  }
}
