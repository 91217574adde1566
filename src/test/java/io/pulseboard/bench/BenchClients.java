package io.pulseboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntFunction;

/**
 * N WebSocket clients in this JVM, as cheap as a client can be, so that on a shared machine the
 * server under test gets most of the CPU: plain NIO sockets on one selector thread per core, the
 * RFC 6455 handshake and framing written out, and items found by scanning the bytes of each text
 * frame for {@code "value":} rather than decoding and parsing it. Each point's value is the
 * wall-clock microsecond it was posted at ({@link #nowMicros}), so a client's latency for an item is its arrival time
 * minus its value. Pings are answered, so the server's heartbeat keeps the sockets open.
 */
final class BenchClients implements AutoCloseable {
  /** Latencies are counted in buckets of this many microseconds, up to a minute. */
  private static final int BUCKET_MICROS = 100;
  private static final int MAX_BUCKET = 60_000_000 / BUCKET_MICROS;
  private static final byte[] VALUE = "\"value\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HELLO = "{\"op\":\"hello\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SNAPSHOT = "{\"op\":\"snapshot\"".getBytes(StandardCharsets.US_ASCII);
  private static final String SUBSCRIBE =
      "{\"op\":\"subscribe\",\"metrics\":[\"weekly_users\"],\"labels\":{\"region\":\"bench\"}}";

  private final AtomicLongArray latency = new AtomicLongArray(MAX_BUCKET + 1);
  private final AtomicLong received = new AtomicLong();
  private final AtomicLongArray perClient;
  private final List<Loop> loops = new ArrayList<>();
  private volatile IntFunction<String> subscribeText = i -> SUBSCRIBE;
  private volatile boolean closed;

  BenchClients(int n) throws IOException {
    perClient = new AtomicLongArray(n);
    for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
      Loop loop = new Loop(Selector.open());
      loops.add(loop);
      Thread thread = new Thread(loop, "bench-clients-" + i);
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Connects every client (200 handshakes at a time); with {@code subscribe}, each subscribes after hello. */
  void connect(int port, int n, boolean subscribe) throws InterruptedException {
    Semaphore inFlight = new Semaphore(200);
    CountDownLatch ready = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      inFlight.acquire();
      Client client = new Client(i, subscribe, () -> {
        inFlight.release();
        ready.countDown();
      });
      loops.get(i % loops.size()).add(client, new InetSocketAddress("127.0.0.1", port));
    }
    if (!ready.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("clients did not connect in time");
    }
  }

  /** What client {@code i} sends as its subscribe (the default: {@code weekly_users} in region {@code bench}). */
  void subscribeWith(IntFunction<String> text) {
    subscribeText = text;
  }

  /**
   * Opens {@code n} subscribing clients at about {@code perSecond}, without waiting for any answer
   * (a reconnect storm); returns once all are started.
   */
  void connectPaced(int port, int n, int perSecond) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long due = start + (long) (i * 1e9 / perSecond);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      loops.get(i % loops.size()).add(new Client(i, true, () -> { }), new InetSocketAddress("127.0.0.1", port));
    }
  }

  /** How many clients have received at least {@code items} items so far. */
  int clientsWithAtLeast(long items) {
    int n = 0;
    for (int i = 0; i < perClient.length(); i++) {
      if (perClient.get(i) >= items) {
        n++;
      }
    }
    return n;
  }

  /** Forgets what was received so far (after a warm-up). */
  void reset() {
    received.set(0);
    for (int i = 0; i < latency.length(); i++) {
      latency.set(i, 0);
    }
    for (int i = 0; i < perClient.length(); i++) {
      perClient.set(i, 0);
    }
  }

  long received() {
    return received.get();
  }

  /** Items a client should have got but did not, summed over all clients. */
  long missing(long published) {
    long missing = 0;
    for (int i = 0; i < perClient.length(); i++) {
      missing += Math.max(0, published - perClient.get(i));
    }
    return missing;
  }

  /** Wall-clock time in microseconds: what a publisher puts in a point's value. */
  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  /** The latency at this quantile (0..1), in ms, to a tenth. */
  double latencyQuantile(double q) {
    long total = 0;
    for (int i = 0; i <= MAX_BUCKET; i++) {
      total += latency.get(i);
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i <= MAX_BUCKET; i++) {
      seen += latency.get(i);
      if (seen >= rank && seen > 0) {
        return millis(i);
      }
    }
    return -1;
  }

  private static double millis(int bucket) {
    return bucket * BUCKET_MICROS / 1000.0;
  }

  double maxLatency() {
    for (int i = MAX_BUCKET; i >= 0; i--) {
      if (latency.get(i) > 0) {
        return millis(i);
      }
    }
    return -1;
  }

  @Override
  public void close() {
    closed = true;
    loops.forEach(loop -> loop.selector.wakeup());
  }

  /** One selector thread and its clients. */
  private final class Loop implements Runnable {
    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    Loop(Selector selector) {
      this.selector = selector;
    }

    void add(Client client, InetSocketAddress address) {
      tasks.add(() -> {
        try {
          SocketChannel channel = SocketChannel.open();
          channel.configureBlocking(false);
          channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
          client.channel = channel;
          if (channel.connect(address)) {
            channel.register(selector, SelectionKey.OP_READ, client);
            client.connected();
          } else {
            channel.register(selector, SelectionKey.OP_CONNECT, client);
          }
        } catch (IOException e) {
          client.failed(e);
        }
      });
      selector.wakeup();
    }

    @Override
    public void run() {
      ByteBuffer scratch = ByteBuffer.allocateDirect(256 * 1024);
      try {
        while (!closed) {
          selector.select();
          for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
          }
          Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
          while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            Client client = (Client) key.attachment();
            try {
              if (key.isConnectable()) {
                client.channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ);
                client.connected();
              } else if (key.isReadable()) {
                client.readable(scratch);
              }
            } catch (IOException | RuntimeException e) {
              key.cancel();
              client.failed(e);
            }
          }
        }
        for (SelectionKey key : selector.keys()) {
          key.channel().close();
        }
        selector.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** One socket: its handshake, then a stream of unmasked server frames. */
  private final class Client {
    private final int index;
    private final boolean subscribe;
    private final Runnable onReady;
    private SocketChannel channel;
    private boolean upgraded;
    private boolean ready;
    /** Bytes received and not yet consumed: a partial header or frame. */
    private byte[] pending = new byte[0];

    Client(int index, boolean subscribe, Runnable onReady) {
      this.index = index;
      this.subscribe = subscribe;
      this.onReady = onReady;
    }

    void connected() throws IOException {
      String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
      writeFully(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    }

    void failed(Exception e) {
      System.err.println("client " + index + " failed: " + e);
      becomeReady();
    }

    void readable(ByteBuffer scratch) throws IOException {
      scratch.clear();
      int n = channel.read(scratch);
      if (n < 0) {
        channel.close();
        return;
      }
      long now = nowMicros();
      scratch.flip();
      byte[] data = new byte[pending.length + scratch.remaining()];
      System.arraycopy(pending, 0, data, 0, pending.length);
      scratch.get(data, pending.length, scratch.remaining());
      int at = 0;
      if (!upgraded) {
        int end = indexOf(data, 0, data.length, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
          pending = data;
          return;
        }
        if (!new String(data, 0, 12, StandardCharsets.US_ASCII).endsWith("101")) {
          throw new IOException("upgrade refused: " + new String(data, 0, end, StandardCharsets.US_ASCII));
        }
        upgraded = true;
        at = end + 4;
        if (!subscribe) {
          becomeReady();
        }
      }
      at = frames(data, at, now);
      pending = at == data.length ? new byte[0] : java.util.Arrays.copyOfRange(data, at, data.length);
    }

    /** Handles every whole frame from {@code at}; answers where the first incomplete one starts. */
    private int frames(byte[] data, int at, long now) throws IOException {
      while (data.length - at >= 2) {
        int opcode = data[at] & 0x0f;
        long length = data[at + 1] & 0x7f;
        int header = 2;
        if (length == 126) {
          if (data.length - at < 4) {
            break;
          }
          length = ((data[at + 2] & 0xff) << 8) | (data[at + 3] & 0xff);
          header = 4;
        } else if (length == 127) {
          if (data.length - at < 10) {
            break;
          }
          length = 0;
          for (int i = 2; i < 10; i++) {
            length = (length << 8) | (data[at + i] & 0xff);
          }
          header = 10;
        }
        if (data.length - at - header < length) {
          break;
        }
        int start = at + header;
        int end = (int) (start + length);
        if (opcode == 0x1) {
          text(data, start, end, now);
        } else if (opcode == 0x9) {
          send(0xA, java.util.Arrays.copyOfRange(data, start, end));
        }
        at = end;
      }
      return at;
    }

    private void text(byte[] data, int start, int end, long now) throws IOException {
      if (startsWith(data, start, end, HELLO)) {
        if (subscribe) {
          send(0x1, subscribeText.apply(index).getBytes(StandardCharsets.US_ASCII));
        }
        return;
      }
      if (startsWith(data, start, end, SNAPSHOT)) {
        becomeReady();
        return;
      }
      int at = indexOf(data, start, end, VALUE);
      while (at >= 0) {
        int from = at + VALUE.length;
        int to = from;
        while (to < end && "0123456789.eE+-".indexOf(data[to]) >= 0) {
          to++;
        }
        long sent = (long) Double.parseDouble(new String(data, from, to - from, StandardCharsets.US_ASCII));
        latency.incrementAndGet((int) Math.max(0, Math.min(MAX_BUCKET, (now - sent) / BUCKET_MICROS)));
        received.incrementAndGet();
        perClient.incrementAndGet(index);
        at = indexOf(data, to, end, VALUE);
      }
    }

    private void becomeReady() {
      if (!ready) {
        ready = true;
        onReady.run();
      }
    }

    /** Sends one masked frame (clients must mask; a zero mask leaves the bytes as they are). */
    private void send(int opcode, byte[] payload) throws IOException {
      ByteBuffer frame = ByteBuffer.allocate(payload.length + 8);
      frame.put((byte) (0x80 | opcode));
      if (payload.length < 126) {
        frame.put((byte) (0x80 | payload.length));
      } else {
        frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
      }
      frame.putInt(0).put(payload).flip();
      writeFully(frame);
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  private static boolean startsWith(byte[] data, int start, int end, byte[] prefix) {
    if (end - start < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[start + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] data, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
