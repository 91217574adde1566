package io.pulseboard.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body read by a blocking reader on another thread, with back-pressure: the request is
 * piped here, and paused while more than {@code window} bytes wait to be read, so a body of any
 * size takes at most about that much memory. Past {@code maxBytes} the reader gets
 * {@link TooLarge} and the request stays paused (its connection is closed with the answer).
 * A request that fails or is closed before its end reaches the reader as an error, never as an
 * end: a cut-off upload must not look like a complete file.
 */
final class StreamedBody implements WriteStream<Buffer> {
  /** Read past the limit: the reader's signal to answer 413. */
  static final class TooLarge extends IOException {
    TooLarge() {
      super("the body is larger than the limit", null);
    }
  }

  private static final Object END = new Object();
  private static final long IDLE_SECONDS = 60;

  private final Context context;
  private final long maxBytes;
  private final long window;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queued = new AtomicLong();
  private long received;
  private boolean stalled;
  private volatile boolean discard;
  private Handler<Void> drain;

  private StreamedBody(Context context, long maxBytes, long window) {
    this.context = context;
    this.maxBytes = maxBytes;
    this.window = window;
  }

  /** Starts reading the request into a new body; call on the request's event loop. */
  static StreamedBody of(HttpServerRequest request, Context context, long maxBytes, long window) {
    StreamedBody body = new StreamedBody(context, maxBytes, window);
    request.pipe().endOnFailure(false).to(body).onFailure(body::fail);
    return body;
  }

  /** Drops whatever the request still sends, so the answer can be read by the client. */
  void discardRest() {
    context.runOnContext(v -> {
      discard = true;
      queue.clear();
      queued.set(0);
      if (!stalled) {
        fireDrain();
      }
    });
  }

  /** The body as a stream for the reading thread (never the event loop). */
  InputStream input() {
    return new Input();
  }

  @Override
  public Future<Void> write(Buffer data) {
    received += data.length();
    if (discard || stalled) {
      return Future.succeededFuture();
    }
    if (received > maxBytes) {
      stalled = true;
      queue.add(new TooLarge());
    } else {
      queued.addAndGet(data.length());
      queue.add(data);
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    queue.add(END);
    return Future.succeededFuture();
  }

  @Override
  public boolean writeQueueFull() {
    return stalled || (!discard && queued.get() >= window);
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    this.drain = handler;
    return this;
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  private void fail(Throwable cause) {
    queue.add(cause instanceof IOException io ? io : new IOException("the upload ended early: " + cause.getMessage(), cause));
  }

  private void fireDrain() {
    Handler<Void> h = drain;
    if (h != null) {
      drain = null;
      h.handle(null);
    }
  }

  private final class Input extends InputStream {
    private Buffer current;
    private int position;
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      while (current == null || position == current.length()) {
        if (ended || !next()) {
          return -1;
        }
      }
      int n = Math.min(length, current.length() - position);
      current.getBytes(position, position + n, into, offset);
      position += n;
      return n;
    }

    private boolean next() throws IOException {
      Object item;
      try {
        item = queue.poll(IDLE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading the body");
      }
      if (item == null) {
        throw new IOException("the upload stalled: no data for " + IDLE_SECONDS + " s");
      }
      if (item == END) {
        ended = true;
        return false;
      }
      if (item instanceof IOException e) {
        throw e;
      }
      current = (Buffer) item;
      position = 0;
      if (queued.addAndGet(-current.length()) < window / 2) {
        context.runOnContext(v -> {
          if (!writeQueueFull()) {
            fireDrain();
          }
        });
      }
      return true;
    }
  }
}
