package dev.dindcluster.kube.fabric8;

import dev.dindcluster.kube.KubeFailure;
import dev.dindcluster.kube.KubeconfigEntry;
import dev.dindcluster.kube.KubeconfigPath;
import dev.dindcluster.kube.KubeconfigStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@link KubeconfigStore} on a YAML file, written atomically at mode 0600 under kubectl's lock file. */
public final class Fabric8KubeconfigStore implements KubeconfigStore {
  private final Path path;
  private final Duration lockTimeout;

  public Fabric8KubeconfigStore(Path path, Duration lockTimeout) {
    this.path = path;
    this.lockTimeout = lockTimeout;
  }

  /** The store for {@code $KUBECONFIG}'s first path or {@code ~/.kube/config}. */
  public static Fabric8KubeconfigStore forEnv(Map<String, String> env) {
    return new Fabric8KubeconfigStore(KubeconfigPath.resolve(env), Duration.ofSeconds(30));
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public void merge(KubeconfigEntry entry, boolean makeCurrent) {
    update(doc -> {
      Map<String, Object> cluster = new LinkedHashMap<>();
      cluster.put("server", entry.server());
      cluster.put("certificate-authority-data", entry.certificateAuthorityData());
      Map<String, Object> user = new LinkedHashMap<>();
      user.put("client-certificate-data", entry.clientCertificateData());
      user.put("client-key-data", entry.clientKeyData());
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("cluster", entry.name());
      context.put("user", entry.name());
      doc.put("clusters", entry.name(), "cluster", cluster);
      doc.put("users", entry.name(), "user", user);
      doc.put("contexts", entry.name(), "context", context);
      if (makeCurrent) {
        doc.currentContext(entry.name());
      }
      return true;
    });
  }

  @Override
  public boolean remove(String name) {
    return update(doc -> {
      boolean removed = doc.remove("contexts", name) | doc.remove("clusters", name) | doc.remove("users", name);
      if (doc.currentContext().filter(name::equals).isPresent()) {
        doc.currentContext(null);
        removed = true;
      }
      return removed;
    });
  }

  @Override
  public Optional<KubeconfigEntry> read(String name) {
    return entry(load(), name, name);
  }

  @Override
  public Optional<String> currentContext() {
    return load().currentContext();
  }

  @Override
  public List<String> contextNames() {
    return load().names("contexts");
  }

  @Override
  public KubeconfigEntry entryFrom(String kubeconfigText, String name) {
    KubeconfigDocument doc = KubeconfigDocument.parse(kubeconfigText, "text");
    String current = doc.currentContext()
        .orElseThrow(() -> new KubeFailure("kubeconfig text has no current-context"));
    return entry(doc, current, name)
        .orElseThrow(() -> new KubeFailure("kubeconfig text: context '" + current
            + "' lacks a cluster with server and CA data or a user with client certificate and key data"));
  }

  /** The context {@code context}'s cluster and user, as an entry called {@code name}. */
  private static Optional<KubeconfigEntry> entry(KubeconfigDocument doc, String context, String name) {
    Optional<Map<String, Object>> ctx = doc.find("contexts", context, "context");
    if (ctx.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> cluster = doc.find("clusters", String.valueOf(ctx.get().get("cluster")), "cluster").orElse(Map.of());
    Map<String, Object> user = doc.find("users", String.valueOf(ctx.get().get("user")), "user").orElse(Map.of());
    Object server = cluster.get("server");
    Object ca = cluster.get("certificate-authority-data");
    Object cert = user.get("client-certificate-data");
    Object key = user.get("client-key-data");
    if (server == null || ca == null || cert == null || key == null) {
      return Optional.empty();
    }
    return Optional.of(new KubeconfigEntry(name, server.toString(), ca.toString(), cert.toString(), key.toString()));
  }

  private KubeconfigDocument load() {
    try {
      return Files.exists(path)
          ? KubeconfigDocument.parse(Files.readString(path, StandardCharsets.UTF_8), path.toString())
          : KubeconfigDocument.empty();
    } catch (IOException e) {
      throw new KubeFailure("read kubeconfig '" + path + "': " + e.getMessage(), e);
    }
  }

  /** Read, change and write back under the lock; the change says whether there is anything to write. */
  private boolean update(Function<KubeconfigDocument, Boolean> change) {
    try (KubeconfigLock lock = KubeconfigLock.acquire(path, lockTimeout)) {
      KubeconfigDocument doc = load();
      boolean changed = change.apply(doc);
      if (changed) {
        write(doc.toYaml());
      }
      return changed;
    }
  }

  /**
   * Atomically, so a reader never sees half a file; through a symlink to its target. A new file is
   * 0600; an existing one keeps its mode, owner and group (root writing into a user's kubeconfig
   * must not take it over), and one whose owner may not write it is refused, not made writable.
   */
  private void write(String yaml) {
    try {
      Path target = Files.isSymbolicLink(path) ? path.toRealPath() : path;
      PosixFileAttributes existing = Files.exists(target) ? Files.readAttributes(target, PosixFileAttributes.class) : null;
      if (existing != null && !existing.permissions().contains(PosixFilePermission.OWNER_WRITE)) {
        throw new KubeFailure("kubeconfig '" + path + "' is read-only (mode " + PosixFilePermissions.toString(existing.permissions())
            + "): not changed; make it writable or point KUBECONFIG at another file");
      }
      Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(temp, yaml, StandardCharsets.UTF_8);
        if (existing != null) {
          keepOwnership(temp, existing);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new KubeFailure("write kubeconfig '" + path + "': " + e.getMessage(), e);
    }
  }

  private void keepOwnership(Path temp, PosixFileAttributes existing) throws IOException {
    PosixFileAttributes made = Files.readAttributes(temp, PosixFileAttributes.class);
    try {
      if (!made.owner().equals(existing.owner())) {
        Files.setOwner(temp, existing.owner());
      }
      if (!made.group().equals(existing.group())) {
        Files.getFileAttributeView(temp, PosixFileAttributeView.class).setGroup(existing.group());
      }
    } catch (IOException e) {
      throw new KubeFailure("kubeconfig '" + path + "' belongs to " + existing.owner().getName() + ":" + existing.group().getName()
          + ", which this user cannot keep on a rewritten file: not changed; point KUBECONFIG at a file of your own", e);
    }
    Files.setPosixFilePermissions(temp, existing.permissions());
  }
}
