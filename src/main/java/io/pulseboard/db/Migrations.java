package io.pulseboard.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code sql/V###__name.sql} in order, each once, recorded in {@code schema_migrations}.
 * A session advisory lock makes instances that start together take turns. Written here rather
 * than with Flyway or Liquibase because both need JDBC, while Pulseboard speaks to PostgreSQL
 * only through the reactive client; the whole job is this one class.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final Pattern FILE_NAME = Pattern.compile("V(\\d{3,})__([a-z0-9_]+)\\.sql");
  private static final long LOCK_KEY = 0x70756c73_65000001L;
  private static final String CREATE_TABLE = """
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        checksum   text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())""";
  private static final String APPLIED = "SELECT version, checksum FROM schema_migrations";
  private static final String RECORD = "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)";

  /** One migration file. */
  public record Migration(int version, String name, String sql, String checksum) {}

  private final Pool pool;
  private final List<Migration> migrations;

  public Migrations(Pool pool, List<Migration> migrations) {
    this.pool = pool;
    this.migrations = migrations;
  }

  /** Migrations from the {@code sql} folder on the class path. */
  public static Migrations fromClasspath(Pool pool) {
    return new Migrations(pool, load());
  }

  /** Applies the missing migrations; the future holds how many were applied. */
  public Future<Integer> migrate() {
    return pool.getConnection().compose(conn -> conn.preparedQuery("SELECT pg_advisory_lock($1)")
        .execute(Tuple.of(LOCK_KEY))
        .compose(v -> conn.query("SET client_min_messages TO warning").execute())
        .compose(v -> conn.query(CREATE_TABLE).execute())
        .compose(v -> applyMissing(conn))
        .eventually(() -> conn.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(LOCK_KEY))
            .eventually(conn::close)));
  }

  private Future<Integer> applyMissing(SqlConnection conn) {
    return conn.query(APPLIED).execute().compose(rows -> {
      Map<Integer, String> applied = new HashMap<>();
      for (Row row : rows) {
        applied.put(row.getInteger(0), row.getString(1));
      }
      Future<Integer> chain = Future.succeededFuture(0);
      for (Migration m : migrations) {
        String checksum = applied.get(m.version());
        if (checksum != null && !checksum.equals(m.checksum())) {
          return Future.failedFuture(new IllegalStateException("migration V" + m.version()
              + " was changed after it was applied; add a new migration instead"));
        }
        if (checksum == null) {
          chain = chain.compose(count -> apply(conn, m).map(count + 1));
        }
      }
      return chain;
    });
  }

  private Future<Void> apply(SqlConnection conn, Migration m) {
    LOG.info("Applying migration V{}__{}", String.format("%03d", m.version()), m.name());
    return conn.begin().compose(tx -> conn.query(m.sql()).execute()
        .compose(v -> conn.preparedQuery(RECORD).execute(Tuple.of(m.version(), m.name(), m.checksum())))
        .compose(v -> tx.commit())
        .onFailure(e -> tx.rollback()));
  }

  private static List<Migration> load() {
    try {
      URL url = Migrations.class.getClassLoader().getResource("sql");
      if (url == null) {
        throw new IllegalStateException("no sql folder on the class path");
      }
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
          return read(fs.getPath("/sql"));
        } catch (FileSystemAlreadyExistsException e) {
          return read(FileSystems.getFileSystem(uri).getPath("/sql"));
        }
      }
      return read(Path.of(uri));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the migrations: " + e.getMessage(), e);
    }
  }

  private static List<Migration> read(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(Migrations::parse).filter(m -> m != null)
          .sorted((a, b) -> Integer.compare(a.version(), b.version())).toList();
    }
  }

  private static Migration parse(Path file) {
    Matcher m = FILE_NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return null;
    }
    try (InputStream in = Files.newInputStream(file)) {
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Migration(Integer.parseInt(m.group(1)), m.group(2), sql, sha256(sql));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
