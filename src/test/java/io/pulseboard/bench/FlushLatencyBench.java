package io.pulseboard.bench;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
    long[] nanos = new long[(int) (seconds * rate)];
    ByteBuffer page = ByteBuffer.allocate(8192);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int i = 0; i < nanos.length; i++) {
        page.clear();
        channel.write(page, (i % 128) * 8192L);
        long start = System.nanoTime();
        channel.force(false);
        nanos[i] = System.nanoTime() - start;
        Thread.sleep(1000 / rate);
      }
    } finally {
      Files.deleteIfExists(file);
    }
    System.out.printf("%d flushes of 8 KiB at %d a second in %s: p50 %.2f ms, p90 %.2f, p99 %.2f, p99.9 %.2f,"
        + " max %.1f%n", nanos.length, rate, dir, Percentiles.ms(nanos, 50), Percentiles.ms(nanos, 90),
        Percentiles.ms(nanos, 99), Percentiles.ms(nanos, 99.9), Percentiles.ms(nanos, 100));
  }
}
