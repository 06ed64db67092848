package dev.dindcluster.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * HTTP downloads with connect and read timeouts, resumed with a Range request when the connection
 * drops part-way. {@link HttpURLConnection} rather than java.net.http: it has a real per-read
 * timeout, so a mirror that stops sending mid-body fails in seconds instead of hanging.
 */
public final class Download {
  /** Called as bytes arrive; total is -1 when the server did not say. */
  public interface ByteProgress {
    void bytes(long done, long total);

    ByteProgress NONE = (done, total) -> {};
  }

  /** How long to wait for a connection and for each read; how often to resume a dropped transfer. */
  public record Limits(Duration connect, Duration read, int resumes) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(15), Duration.ofSeconds(30), 3);
  }

  /** A download that failed; the message names the URL and what happened. */
  public static final class Failure extends IOException {
    private static final long serialVersionUID = 1L;

    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Limits limits;

  public Download(Limits limits) {
    this.limits = limits;
  }

  /**
   * A small text file (a checksum), whole; empty when the server says it has no such file (HTTP 404
   * or 410). Any other answer that is not 200 fails, naming the status.
   */
  public Optional<String> textIfPublished(URI url) throws Failure {
    HttpURLConnection connection = open(url, 0);
    try {
      int status = connection.getResponseCode();
      if (status == HttpURLConnection.HTTP_NOT_FOUND || status == HttpURLConnection.HTTP_GONE) {
        return Optional.empty();
      }
      if (status != HttpURLConnection.HTTP_OK) {
        throw new Failure(url + " answered HTTP " + status + " " + connection.getResponseMessage(), null);
      }
      try (InputStream in = connection.getInputStream()) {
        return Optional.of(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
      }
    } catch (Failure e) {
      throw e;
    } catch (IOException e) {
      throw failure(url, e);
    } finally {
      connection.disconnect();
    }
  }

  /**
   * Writes {@code url} into {@code target} (created or replaced), resuming after a dropped
   * connection up to {@link Limits#resumes()} times. Returns the whole file's digest by
   * {@code algorithm} (a JDK name: SHA-256, SHA-512, SHA-1, MD5), lower-case hex. On failure the
   * partial file is deleted.
   */
  public String toFile(URI url, Path target, String algorithm, ByteProgress progress) throws Failure {
    boolean done = false;
    try {
      Files.deleteIfExists(target);
      Files.createFile(target);
      IOException last = null;
      for (int attempt = 0; attempt <= limits.resumes(); attempt++) {
        try {
          transfer(url, target, progress);
          done = true;
          return digest(target, algorithm);
        } catch (Failure e) {
          throw e;
        } catch (IOException e) {
          last = e; // dropped or stalled part-way: ask for the rest
        }
      }
      throw failure(url, last);
    } catch (Failure e) {
      throw e;
    } catch (IOException e) {
      throw failure(url, e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(target);
        } catch (IOException ignored) {
          // best effort: the caller reports the download's own failure
        }
      }
    }
  }

  private void transfer(URI url, Path target, ByteProgress progress) throws IOException {
    long have = Files.size(target);
    HttpURLConnection connection = open(url, have);
    try {
      int status = connection.getResponseCode();
      boolean partial = status == HttpURLConnection.HTTP_PARTIAL;
      if (!partial && status != HttpURLConnection.HTTP_OK) {
        throw new Failure(url + " answered HTTP " + status + " " + connection.getResponseMessage(), null);
      }
      if (!partial && have > 0) {
        have = 0; // the server ignored the range: start over
      }
      long length = connection.getContentLengthLong();
      long total = length < 0 ? -1 : have + length;
      try (InputStream in = connection.getInputStream();
           OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE,
               partial ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
        byte[] buffer = new byte[256 * 1024];
        long done = have;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          done += n;
          progress.bytes(done, total);
        }
        if (total >= 0 && done < total) {
          throw new IOException("connection closed after " + done + " of " + total + " bytes");
        }
      }
    } finally {
      connection.disconnect();
    }
  }

  private HttpURLConnection open(URI url, long from) throws Failure {
    try {
      HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
      connection.setConnectTimeout((int) limits.connect().toMillis());
      connection.setReadTimeout((int) limits.read().toMillis());
      connection.setInstanceFollowRedirects(true);
      connection.setRequestProperty("User-Agent", "dind-cluster");
      if (from > 0) {
        connection.setRequestProperty("Range", "bytes=" + from + "-");
      }
      connection.connect();
      return connection;
    } catch (IOException | IllegalArgumentException e) {
      throw failure(url, e);
    }
  }

  private static Failure failure(URI url, Throwable e) {
    String what = e instanceof java.net.SocketTimeoutException ? "no answer within the timeout"
        : e instanceof java.net.ConnectException ? "connection refused"
        : e instanceof java.net.UnknownHostException ? "unknown host " + e.getMessage()
        : e == null ? "failed" : e.getClass().getSimpleName() + ": " + e.getMessage();
    return new Failure("download of " + url + " failed: " + what, e);
  }

  /** A file's digest by {@code algorithm} (a JDK name), lower-case hex. */
  static String digest(Path file, String algorithm) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      byte[] buffer = new byte[1 << 20];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
