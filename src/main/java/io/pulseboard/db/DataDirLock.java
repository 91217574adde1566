package io.pulseboard.db;

import io.pulseboard.process.ExitCode;
import io.pulseboard.process.StartupFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory, held for the life of the process: the file
 * {@code pulseboard.lock} in it, locked through the operating system and holding the owner's pid.
 * The kernel drops the lock when its process dies, even by SIGKILL, so a held lock proves a live
 * owner and a free one proves that whatever PostgreSQL still runs there is an orphan.
 */
public final class DataDirLock implements AutoCloseable {
  /** The lock file's name inside the data directory. */
  public static final String FILE_NAME = "pulseboard.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates the directory if needed and locks it; a {@link StartupFailure} when it cannot be
   * created or written ({@link ExitCode#DATA_DIR_UNUSABLE}) or another process holds it
   * ({@link ExitCode#CONFIGURATION}).
   */
  public static DataDirLock acquire(Path dataDir) {
    FileChannel channel = open(dataDir);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldInThisProcess) {
      lock = null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw unusable(dataDir, e);
    }
    if (lock == null) {
      String holder = holder(dataDir);
      closeQuietly(channel);
      throw new StartupFailure(ExitCode.CONFIGURATION, "data directory in use by pid " + holder + " (" + dataDir
          + "); stop that Pulseboard first, or set PULSEBOARD_DATA_DIR to another directory");
    }
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
      channel.force(false);
    } catch (IOException e) {
      closeQuietly(channel);
      throw unusable(dataDir, e);
    }
    return new DataDirLock(channel, lock);
  }

  @Override
  public void close() {
    // The file stays: deleting it could let a newcomer lock a file that a third process has open.
    try {
      lock.release();
    } catch (IOException e) {
      // closing the channel below releases it anyway
    }
    closeQuietly(channel);
  }

  private static FileChannel open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      return FileChannel.open(dataDir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw unusable(dataDir, e);
    }
  }

  private static String holder(Path dataDir) {
    try {
      String pid = Files.readString(dataDir.resolve(FILE_NAME), StandardCharsets.US_ASCII).strip();
      return pid.matches("\\d+") ? pid : "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** One line naming the directory, the cause and what to do. */
  static StartupFailure unusable(Path dataDir, IOException e) {
    return new StartupFailure(ExitCode.DATA_DIR_UNUSABLE, "cannot use the data directory " + dataDir + ": "
        + reason(e) + "; set PULSEBOARD_DATA_DIR to a directory this user can create and write");
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied on " + denied.getFile();
    }
    if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
      return "a parent of " + ((FileSystemException) e).getFile() + " is missing or is not a directory";
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + " exists and is not a directory";
    }
    if (e instanceof FileSystemException fs) {
      String why = fs.getReason() != null ? fs.getReason().toLowerCase() : e.getClass().getSimpleName();
      return fs.getFile() == null ? why : why + " (" + fs.getFile() + ")";
    }
    return e.getMessage();
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
