package io.pulseboard.bench;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * How long the disk takes to make one small write durable, as PostgreSQL's commit does with its
 * WAL: writes 8 KiB and flushes it ({@code fdatasync}) {@code bench.rate} times a second for
 * {@code bench.seconds}, in a file under {@code bench.dir}, and prints the percentiles. A
 * durable write cannot be answered before its flush, so this bounds the write path's tail.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pulseboard.bench.FlushLatencyBench [-Dbench.dir=/var/lib/postgresql]
 * [-Dbench.seconds=60] [-Dbench.rate=20]}; put {@code bench.dir} on the database's disk.
 */
public final class FlushLatencyBench {
  private FlushLatencyBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(System.getProperty("bench.dir", "target"));
    long seconds = Long.getLong("bench.seconds", 60);
    long rate = Long.getLong("bench.rate", 20);
    Path file = Files.createTempFile(dir, "flush-latency", ".bin");
    long[] micros = new long[(int) (seconds * rate)];
    ByteBuffer page = ByteBuffer.allocate(8192);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int i = 0; i < micros.length; i++) {
        page.clear();
        channel.write(page, (i % 128) * 8192L);
        long start = System.nanoTime();
        channel.force(false);
        micros[i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        Thread.sleep(1000 / rate);
      }
    } finally {
      Files.deleteIfExists(file);
    }
    Arrays.sort(micros);
    System.out.printf("%d flushes of 8 KiB at %d a second in %s: p50 %.2f ms, p90 %.2f, p99 %.2f, p99.9 %.2f,"
        + " max %.1f%n", micros.length, rate, dir, at(micros, 0.5), at(micros, 0.9), at(micros, 0.99),
        at(micros, 0.999), micros[micros.length - 1] / 1000.0);
  }

  private static double at(long[] sorted, double q) {
    return sorted[(int) Math.floor(q * (sorted.length - 1))] / 1000.0;
  }
}
