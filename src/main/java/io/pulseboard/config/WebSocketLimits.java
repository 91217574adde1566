package io.pulseboard.config;

/**
 * The limits of the WebSocket endpoint {@code /ws}, one setting each (see {@link Settings}).
 *
 * @param maxConnections open sockets per instance; one more is closed with 1013
 * @param maxFrameBytes largest client message; a larger one gets an error frame, one over four
 *     times this closes the socket with 1009
 * @param maxSubscriptions subscriptions one socket may hold
 * @param resumeLimit most changes replayed for a {@code since}; further behind gets a reset snapshot
 * @param heartbeatMs interval of server pings; a client silent for three of them is closed
 * @param sendQueueBytes bytes queued for a socket before its pending changes merge
 * @param slowClientMs how long a socket may stay blocked before it is closed with 1013
 * @param coalesceMs the cap of the pause between two update fan-outs, which follows the fan-out
 *     time (twice the recent one, from the last start); changes that arrive during it wait and go out
 *     together in the next one (0: each change batch goes out as soon as the last is written)
 */
public record WebSocketLimits(
    int maxConnections,
    int maxFrameBytes,
    int maxSubscriptions,
    int resumeLimit,
    int heartbeatMs,
    int sendQueueBytes,
    int slowClientMs,
    int coalesceMs) {

  /** A single frame above this is refused by the transport; a fragmented message above it is closed with 1009. */
  public int hardFrameBytes() {
    return maxFrameBytes * 4;
  }
}
