package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The boards (migration V013). Every save and delete runs in one transaction under the boards'
 * lock, checks the request's precondition against the stored version, and emits its event on the
 * {@code boards} topic, so an event exists exactly when its change committed.
 */
public final class BoardRepository {
  /** The event topic of boards. */
  public static final String TOPIC = "boards";
  /** The boards' advisory lock (0x70756c7365 "pulse", then the migration's number). */
  static final long BOARDS_LOCK_KEY = 0x70756c73_65000013L;
  private static final String COLUMNS = "id, title, sections, version, updated_at";
  private static final String LIVE = "SELECT " + COLUMNS + " FROM boards WHERE deleted_at IS NULL ORDER BY id";
  private static final String FIND = "SELECT " + COLUMNS + " FROM boards WHERE id = $1 AND deleted_at IS NULL";
  private static final String LOCK = "SELECT pg_advisory_xact_lock($1)";
  private static final String CURRENT = "SELECT version, deleted_at IS NULL AS live FROM boards WHERE id = $1";
  private static final String COUNT = "SELECT count(*) FROM boards WHERE deleted_at IS NULL";
  private static final String UPSERT = """
      INSERT INTO boards (id, title, sections, version, updated_by) VALUES ($1, $2, $3, 1, $4)
      ON CONFLICT (id) DO UPDATE SET title = excluded.title, sections = excluded.sections,
        version = boards.version + 1, updated_at = now(), updated_by = excluded.updated_by, deleted_at = NULL
      WHERE boards.deleted_at IS NOT NULL OR boards.title <> excluded.title OR boards.sections <> excluded.sections
      RETURNING """ + " " + COLUMNS;
  private static final String DELETE = """
      UPDATE boards SET deleted_at = now(), sections = '[]', version = version + 1, updated_at = now(),
        updated_by = $2
      WHERE id = $1 AND deleted_at IS NULL RETURNING version""";

  /** What a save did. */
  public enum Outcome { CREATED, REPLACED, UNCHANGED, PRECONDITION_FAILED, TOO_MANY }

  /**
   * The outcome of a save or a delete, with the board as stored after it (null when none is), or
   * the stored version a failed precondition was checked against (null when none is stored).
   */
  public record Saved(Outcome outcome, Board board, Long current) {}

  private final Pool pool;

  public BoardRepository(Pool pool) {
    this.pool = pool;
  }

  /** Every stored board, by id. */
  public Future<List<Board>> list() {
    return pool.query(LIVE).execute().map(rows -> {
      List<Board> boards = new ArrayList<>();
      rows.forEach(r -> boards.add(toBoard(r)));
      return boards;
    });
  }

  /** The stored board with this id, if there is one. */
  public Future<Optional<Board>> find(String id) {
    return find(pool, id);
  }

  private static Future<Optional<Board>> find(SqlClient client, String id) {
    return client.preparedQuery(FIND).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toBoard(rows.iterator().next())));
  }

  /**
   * Creates or replaces the board (its version and time are the store's) if the precondition
   * holds and, for a new board, fewer than {@link Board#MAX_BOARDS} are stored; the future holds
   * what was done. The same board again changes nothing and emits nothing.
   *
   * @param tokenId the saving token's id, or null
   */
  public Future<Saved> save(Board board, BoardPrecondition precondition, Long tokenId) {
    return pool.withTransaction(tx -> save(tx, board, precondition, tokenId));
  }

  /** {@link #save(Board, BoardPrecondition, Long)} inside a transaction the caller holds. */
  public static Future<Saved> save(SqlClient tx, Board board, BoardPrecondition precondition, Long tokenId) {
    return current(tx, board.id()).compose(current -> {
      if (!precondition.holds(current)) {
        return Future.succeededFuture(new Saved(Outcome.PRECONDITION_FAILED, null, current));
      }
      Future<Boolean> room = current != null ? Future.succeededFuture(true)
          : tx.query(COUNT).execute().map(rows -> rows.iterator().next().getLong(0) < Board.MAX_BOARDS);
      return room.compose(ok -> ok ? upsert(tx, board, tokenId, current)
          : Future.succeededFuture(new Saved(Outcome.TOO_MANY, null, null)));
    });
  }

  /**
   * Deletes the board if it is stored and the precondition holds; the future holds
   * {@code REPLACED} when it was deleted, {@code UNCHANGED} when there was none.
   */
  public Future<Saved> delete(String id, BoardPrecondition precondition, Long tokenId) {
    return pool.withTransaction(tx -> current(tx, id).compose(current -> {
      if (!precondition.holds(current)) {
        return Future.succeededFuture(new Saved(Outcome.PRECONDITION_FAILED, null, current));
      }
      if (current == null) {
        return Future.succeededFuture(new Saved(Outcome.UNCHANGED, null, null));
      }
      return tx.preparedQuery(DELETE).execute(Tuple.of(id, tokenId))
          .map(rows -> rows.iterator().next().getLong("version"))
          .compose(version -> EventRepository.emit(tx, TOPIC, id, deletedEvent(id, version)).map(version))
          .map(version -> new Saved(Outcome.REPLACED, null, version));
    }));
  }

  /** The event body of a deleted board: its id, {@code deleted: true} and the version of the deletion. */
  public static JsonObject deletedEvent(String id, long version) {
    return new JsonObject().put("id", id).put("deleted", true).put("version", version);
  }

  /** Takes the boards' lock; the future holds the stored version of this board, or null. */
  private static Future<Long> current(SqlClient tx, String id) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(BOARDS_LOCK_KEY))
        .compose(locked -> tx.preparedQuery(CURRENT).execute(Tuple.of(id)))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row row = rows.iterator().next();
          return row.getBoolean("live") ? row.getLong("version") : null;
        });
  }

  private static Future<Saved> upsert(SqlClient tx, Board board, Long tokenId, Long current) {
    return tx.preparedQuery(UPSERT)
        .execute(Tuple.of(board.id(), board.title().toJson(), board.sectionsJson(), tokenId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return find(tx, board.id()).map(stored -> new Saved(Outcome.UNCHANGED, stored.orElseThrow(), current));
          }
          Board saved = toBoard(rows.iterator().next());
          return EventRepository.emit(tx, TOPIC, saved.id(), saved.toJson())
              .map(seq -> new Saved(current == null ? Outcome.CREATED : Outcome.REPLACED, saved, current));
        });
  }

  private static Board toBoard(Row row) {
    return new Board(row.getString("id"), LocalizedText.fromJson(row.getJsonObject("title")),
        Board.sectionsFromJson(row.getJsonArray("sections")), row.getLong("version"),
        row.getOffsetDateTime("updated_at").toInstant());
  }
}
