package io.pulseboard.ws;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads that callers asking for the same key at about the same time share. A caller never gets
 * an answer read before it asked: while a read of the key runs, callers wait for the next one,
 * which starts when it ends and serves them all. So at most two reads of a key run at a time (one
 * running, one waiting), however many callers ask. Not thread-safe: used on one event loop.
 */
final class NextRead<K, V> {
  private final Function<K, Future<V>> read;
  private final Map<K, Future<V>> running = new HashMap<>();
  private final Map<K, Promise<V>> waiting = new HashMap<>();

  NextRead(Function<K, Future<V>> read) {
    this.read = read;
  }

  /** The value of a read that starts now or after the one running; the future holds it. */
  Future<V> get(K key) {
    if (!running.containsKey(key)) {
      return start(key);
    }
    return waiting.computeIfAbsent(key, k -> Promise.promise()).future();
  }

  private Future<V> start(K key) {
    Future<V> result = read.apply(key);
    running.put(key, result);
    result.onComplete(ar -> {
      running.remove(key);
      Promise<V> next = waiting.remove(key);
      if (next != null) {
        start(key).onComplete(next);
      }
    });
    return result;
  }
}
