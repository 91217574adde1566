package io.pulseboard.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Where the embedded PostgreSQL of a data directory listens, for another process on the same
 * machine (the command line's {@code token} subcommands while a server runs): PostgreSQL writes
 * its port on the fourth line of {@code postmaster.pid}, and listens on loopback only.
 */
public final class EmbeddedAddress {
  /** The folder of the data directory that holds PostgreSQL's own files. */
  static final String PG_DATA = "postgres";
  private static final int PORT_LINE = 3;

  private EmbeddedAddress() {}

  /** The URL of the {@code postgres} database of an embedded server on this port. */
  static String url(int port) {
    return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
  }

  /** The URL of the embedded PostgreSQL running on this data directory, if one runs. */
  public static Optional<String> running(Path dataDir) {
    Path pgData = dataDir.toAbsolutePath().normalize().resolve(PG_DATA);
    if (PgDataProcesses.postmaster(pgData).isEmpty()) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
      return Optional.of(url(Integer.parseInt(lines.get(PORT_LINE).trim())));
    } catch (IOException | RuntimeException notWrittenYet) {
      // The postmaster writes the file in steps while it starts; asked again, it will be complete.
      return Optional.empty();
    }
  }

  /**
   * Whether a live process holds the data directory (see {@link DataDirLock}); asked without
   * creating or changing anything there.
   */
  public static boolean held(Path dataDir) {
    Path file = dataDir.toAbsolutePath().normalize().resolve(DataDirLock.FILE_NAME);
    if (!Files.exists(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException heldInThisProcess) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
