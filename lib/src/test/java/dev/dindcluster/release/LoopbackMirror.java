package dev.dindcluster.release;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 for download tests: serves byte arrays by path, honours
 * {@code Range: bytes=N-}, and can drop or stall a response after some bytes.
 */
final class LoopbackMirror implements AutoCloseable {
  enum Fault { NONE, DROP, STALL }

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Fault fault = Fault.NONE;
  private volatile int faultAfter;
  private volatile int faultsLeft;

  LoopbackMirror() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "loopback-mirror");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] body = files.get(exchange.getRequestURI().getPath());
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      int from = 0;
      String range = exchange.getRequestHeaders().getFirst("Range");
      if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
        from = Integer.parseInt(range.substring(6, range.length() - 1));
        exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        exchange.sendResponseHeaders(206, body.length - from);
      } else {
        exchange.sendResponseHeaders(200, body.length);
      }
      try (OutputStream out = exchange.getResponseBody()) {
        int end = body.length;
        boolean faulty = fault != Fault.NONE && faultsLeft > 0 && body.length - from > faultAfter;
        if (faulty) {
          faultsLeft--;
          end = from + faultAfter;
        }
        out.write(body, from, end - from);
        out.flush();
        if (faulty && fault == Fault.STALL) {
          Thread.sleep(60_000);
        }
        if (faulty) {
          throw new IOException("dropping the connection on purpose");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client hung up, or the drop above
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  LoopbackMirror serve(String path, byte[] body) {
    files.put(path, body);
    return this;
  }

  /** The next {@code times} responses longer than {@code afterBytes} drop or stall after that many bytes. */
  LoopbackMirror fault(Fault kind, int afterBytes, int times) {
    fault = kind;
    faultAfter = afterBytes;
    faultsLeft = times;
    return this;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
