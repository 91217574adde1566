package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;

/** The alert channels ({@code channels}); deleting one deletes its notifications with it. */
public final class ChannelRepository {
  private static final String COLUMNS = Channel.COLUMNS;
  private static final String LIST = "SELECT " + COLUMNS + " FROM channels ORDER BY id";
  private static final String GET = "SELECT " + COLUMNS + " FROM channels WHERE id = $1";
  private static final String INSERT = "INSERT INTO channels (name, kind, url, format, secret)"
      + " VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS;
  private static final String UPDATE = "UPDATE channels SET name = $2, kind = $3, url = $4, format = $5,"
      + " secret = coalesce($6, secret), updated_at = now() WHERE id = $1 RETURNING " + COLUMNS;
  private static final String DELETE = "DELETE FROM channels WHERE id = $1 RETURNING " + COLUMNS;

  /** A channel as written by a client; {@code secret} {@code null} keeps the stored one on update. */
  public record Input(String name, String kind, String url, String format, String secret) {}

  private final Pool pool;

  public ChannelRepository(Pool pool) {
    this.pool = pool;
  }

  /** Every channel, oldest first. */
  public Future<List<Channel>> list() {
    return pool.query(LIST).execute().map(rows -> all(rows));
  }

  /** The channel with this id, if any. */
  public Future<Optional<Channel>> get(long id) {
    return pool.preparedQuery(GET).execute(Tuple.of(id)).map(ChannelRepository::first);
  }

  /** Stores a new channel with its secret (which must be set); the channel as stored. */
  public Future<Channel> create(Input in) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(in.name(), in.kind(), in.url(), in.format(), in.secret()))
        .map(rows -> Channel.of(rows.iterator().next()));
  }

  /** Replaces a channel (its secret only when one is given); the channel as stored, if it exists. */
  public Future<Optional<Channel>> update(long id, Input in) {
    Tuple args = Tuple.of(id, in.name(), in.kind(), in.url(), in.format(), in.secret());
    return pool.preparedQuery(UPDATE).execute(args).map(ChannelRepository::first);
  }

  /** Deletes a channel and its notifications; the channel deleted, if it existed. */
  public Future<Optional<Channel>> delete(long id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id)).map(ChannelRepository::first);
  }

  private static List<Channel> all(RowSet<Row> rows) {
    return java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(Channel::of).toList();
  }

  private static Optional<Channel> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Channel.of(rows.iterator().next()));
  }
}
