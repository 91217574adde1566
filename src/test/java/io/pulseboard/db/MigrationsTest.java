package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MigrationsTest {
  private static Pool pool(Vertx vertx, String url) {
    return Database.pool(vertx, Database.connectOptions(url));
  }

  @Test
  void applies_every_migration_once_and_a_second_run_changes_nothing(Vertx vertx) {
    String url = TestDatabase.create();
    Pool pool = pool(vertx, url);
    int applied = Migrations.fromClasspath(pool).migrate().await();
    assertThat(applied).isGreaterThanOrEqualTo(5);
    long tables = TestDatabase.queryLong(url,
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
    assertThat(Migrations.fromClasspath(pool).migrate().await()).isZero();
    assertThat(TestDatabase.queryLong(url, "SELECT count(*) FROM schema_migrations")).isEqualTo(applied);
    assertThat(TestDatabase.queryLong(url,
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).isEqualTo(tables);
    pool.close().await();
  }

  @Test
  void instances_starting_together_apply_each_migration_once(Vertx vertx) {
    String url = TestDatabase.create();
    List<Pool> pools = new ArrayList<>();
    List<Future<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Pool pool = pool(vertx, url);
      pools.add(pool);
      runs.add(Migrations.fromClasspath(pool).migrate());
    }
    Future.all(runs).await();
    int total = runs.stream().mapToInt(Future::result).sum();
    assertThat(total).isEqualTo((int) TestDatabase.queryLong(url, "SELECT count(*) FROM schema_migrations"));
    pools.forEach(p -> p.close().await());
  }

  @Test
  void refuses_to_start_when_an_applied_migration_was_edited(Vertx vertx) {
    String url = TestDatabase.create();
    Pool pool = pool(vertx, url);
    Migrations.fromClasspath(pool).migrate().await();
    TestDatabase.execute(url, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
    Throwable failure = Migrations.fromClasspath(pool).migrate()
        .<Throwable>transform(ar -> Future.succeededFuture(ar.cause())).await();
    assertThat(failure).hasMessageContaining("V1 was changed");
    pool.close().await();
  }
}
