package dev.dindcluster.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tiny image for tests, made without any registry: one layer holding the host's static busybox
 * (Debian's busybox-static) and its applet links, written in {@code docker save} format so that
 * {@link NodeRuntime#loadImage} loads it. Labelled so it can be found, reused and recognised.
 */
public final class TestImage {
  public static final String NAME = "dind-cluster-test/busybox:1";
  public static final String LABEL = "dev.dindcluster.test-image";
  static final List<String> APPLETS = List.of("sh", "cat", "sleep", "echo", "ls", "mkdir", "env",
      "true", "false", "printf", "grep", "head", "wc", "ip", "id", "stat", "mount", "sysctl", "hostname");

  private TestImage() {}

  /** Where a static busybox is, or an exception telling how to get one. */
  public static Path busybox() throws IOException {
    for (String candidate : List.of("/bin/busybox", "/usr/bin/busybox")) {
      Path path = Path.of(candidate);
      if (Files.isRegularFile(path) && isStatic(Files.readAllBytes(path))) {
        return path;
      }
    }
    throw new IOException("tests need a static busybox at /bin/busybox: apt-get install busybox-static");
  }

  /** The image as a {@code docker save} tar. */
  public static byte[] saveTar() throws IOException {
    byte[] layer = layerTar(Files.readAllBytes(busybox()));
    String diffId = "sha256:" + sha256(layer);
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\","
        + "\"config\":{\"Env\":[\"PATH=/bin\"],\"Cmd\":[\"sh\"],\"Labels\":{\"" + LABEL + "\":\"1\"}},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},"
        + "\"history\":[{\"created_by\":\"dind-cluster TestImage\"}]}";
    byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
    String configName = sha256(configBytes) + ".json";
    String manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + NAME + "\"],"
        + "\"Layers\":[\"layer/layer.tar\"]}]";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      file(tar, configName, configBytes, 0644);
      directory(tar, "layer/");
      file(tar, "layer/layer.tar", layer, 0644);
      file(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8), 0644);
    }
    return out.toByteArray();
  }

  private static byte[] layerTar(byte[] busybox) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (String dir : List.of("bin/", "tmp/", "etc/", "proc/", "sys/", "dev/")) {
        directory(tar, dir);
      }
      file(tar, "bin/busybox", busybox, 0755);
      for (String applet : APPLETS) {
        TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("busybox");
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(040755);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setMode(0100000 | mode);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /** An ELF executable without a PT_INTERP program header needs no dynamic loader. */
  static boolean isStatic(byte[] elf) {
    if (elf.length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F' || elf[4] != 2) {
      return false;
    }
    ByteBuffer buffer = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    long phoff = buffer.getLong(0x20);
    int phentsize = Short.toUnsignedInt(buffer.getShort(0x36));
    int phnum = Short.toUnsignedInt(buffer.getShort(0x38));
    for (int i = 0; i < phnum; i++) {
      if (buffer.getInt((int) (phoff + (long) i * phentsize)) == 3) {
        return false;
      }
    }
    return true;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
