package io.pulseboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulseboard.TestDatabase;
import io.pulseboard.seed.ReportFacts;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * V011 turns a metric's text name and description into English texts, and gives a database
 * seeded before it the Korean names a fresh seed has (the page used to carry them in its code).
 */
@ExtendWith(VertxExtension.class)
class MetricNamesMigrationTest {
  private static final Pattern FILE = Pattern.compile("V(\\d{3,})__([a-z0-9_]+)\\.sql");

  private static List<Migrations.Migration> before(int version) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("sql"))) {
      return files.map(f -> {
        Matcher m = FILE.matcher(f.getFileName().toString());
        if (!m.matches() || Integer.parseInt(m.group(1)) >= version) {
          return null;
        }
        try {
          String sql = Files.readString(f);
          return new Migrations.Migration(Integer.parseInt(m.group(1)), m.group(2), sql, Migrations.sha256(sql));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).filter(m -> m != null).sorted((a, b) -> Integer.compare(a.version(), b.version())).toList();
    }
  }

  @Test
  void a_database_seeded_before_gets_the_seed_names_and_other_metrics_keep_theirs(Vertx vertx) throws IOException {
    String url = TestDatabase.create();
    Pool pool = Database.pool(vertx, Database.connectOptions(url));
    new Migrations(pool, before(11)).migrate().await();
    for (Metric m : ReportFacts.metrics()) {
      TestDatabase.execute(url, "INSERT INTO metrics (id, name, unit, description, labels, cadence, display) VALUES ('"
          + m.id() + "', '" + m.name().defaultText() + "', '" + m.unit() + "', '" + m.description().defaultText()
          + "', '{region}', '" + m.cadence() + "', '" + m.display() + "')");
    }
    TestDatabase.execute(url, "INSERT INTO metrics (id, name, unit, description, labels, cadence, display) "
        + "VALUES ('signups', 'Sign-ups', 'users', 'New accounts', '{region}', 'P1D', 'number')");
    TestDatabase.execute(url, "UPDATE metrics SET name = 'My offices' WHERE id = 'offices'");
    Migrations.fromClasspath(pool).migrate().await();

    Map<String, Metric> stored = new MetricRepository(pool).all().await().stream()
        .collect(Collectors.toMap(Metric::id, Function.identity()));
    for (Metric seeded : ReportFacts.metrics()) {
      if (!seeded.id().equals("offices")) {
        assertThat(stored.get(seeded.id()).name()).as(seeded.id()).isEqualTo(seeded.name());
        assertThat(stored.get(seeded.id()).labelValues()).as(seeded.id()).isEqualTo(seeded.labelValues());
      }
    }
    assertThat(stored.get("offices").name()).as("renamed by its users").isEqualTo(LocalizedText.of("My offices"));
    assertThat(stored.get("offices").labelValues()).isEqualTo(LabelValueNames.NONE);
    assertThat(stored.get("signups").name()).isEqualTo(LocalizedText.of("Sign-ups"));
    assertThat(stored.get("signups").description()).isEqualTo(LocalizedText.of("New accounts"));
    pool.close().await();
  }
}
