package io.pulseboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU time of a database's PostgreSQL backends, read from {@code /proc}. */
final class BackendCpu {
  private BackendCpu() {}

  /**
   * The CPU time, in clock ticks (100 a second), of the PostgreSQL backends connected to this
   * database so far (their process titles name it; other databases' work on the same server does
   * not count, nor does a backend that has ended).
   */
  static long ticks(String database) throws IOException {
    long total = 0;
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path dir : dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        try {
          String title = Files.readString(dir.resolve("cmdline")).replace('\0', ' ');
          if (!title.startsWith("postgres: ") || !title.contains(" " + database + " ")) {
            continue;
          }
          String stat = Files.readString(dir.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
          // the process ended meanwhile
        }
      }
    }
    return total;
  }

  /** The name of the database a {@code postgresql://} URL points at. */
  static String database(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }
}
