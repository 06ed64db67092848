package dev.dindcluster.release;

import dev.dindcluster.k8s.ComponentImages;
import dev.dindcluster.k8s.ComponentImages.Image;
import dev.dindcluster.k8s.KubernetesVersion;
import dev.dindcluster.k8s.NodeBase;
import dev.dindcluster.k8s.ReleaseDigests;
import dev.dindcluster.k8s.VersionRules;
import dev.dindcluster.lifecycle.ContainerdCheck;
import dev.dindcluster.lifecycle.LifecycleFailure;
import dev.dindcluster.lifecycle.NodeImageBuilder;
import dev.dindcluster.lifecycle.NodeImageRegistry;
import dev.dindcluster.plan.ClusterPlan;
import dev.dindcluster.plan.ReleaseSource;
import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.NodeRuntime;
import dev.dindcluster.runtime.RuntimeFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a node image for any released Kubernetes from upstream's release artifacts, the way
 * kind's {@code build node-image --type release} does: the server tarball (checksum-verified,
 * cached by content) gives kubeadm, kubelet, kubectl and the control-plane images; etcd, pause
 * and the DNS add-on come from DIND_REGISTRY. They go on top of the node base image (systemd, the
 * inner runtimes, the node scripts and the offline cluster DNS), which scripts/build-node-image
 * makes. A failure leaves no image: every name made on the host engine is removed again.
 */
public final class ReleaseNodeImageBuilder implements NodeImageBuilder {
  /** What scripts/build-node-image tags the node base image of the dockershim versions as. */
  public static final String NODE_BASE_IMAGE = NodeBase.BOOKWORM.image;
  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);
  /**
   * The pod sandbox ("pause") image the node image holds, under {@code /usr/local/share/dind/}: the
   * node's entrypoint gives it to containerd's CRI plugin, whose own default names an image the node
   * does not have. scripts/build-node-image writes the same record for the offline build.
   */
  static final String SANDBOX_IMAGE_RECORD = "sandbox-image";
  static final String SANDBOX_IMAGE_LABEL = "dev.dindcluster.sandbox-image";

  @Override
  public void build(ClusterPlan plan, NodeRuntime runtime, Progress progress) {
    KubernetesVersion version = plan.version();
    ReleaseSource source = plan.options().release();
    Download download = new Download(new Download.Limits(Download.Limits.DEFAULT.connect(),
        Duration.ofSeconds(source.readTimeoutSeconds()), Download.Limits.DEFAULT.resumes()));
    NodeBase base = NodeBase.forVersion(version);
    var baseLabels = runtime.imageLabels(base.image);
    if (baseLabels.isEmpty()) {
      throw new LifecycleFailure(NodeImageBuilder.missingImage(plan, "the node base image " + base.image + " (" + base.description
          + ") is not in the local engine either (" + base.buildCommand + " makes it, from Debian's packages)"));
    }
    // Before any download: a node base whose containerd this version's kubelet refuses makes no usable image.
    ContainerdCheck.check(plan, baseLabels.get(), progress);
    List<String> madeOnHost = new ArrayList<>();
    Path work = null;
    String buildTag = "dind-cluster/node-build:" + Long.toHexString(System.nanoTime());
    try {
      ReleaseCache cache = new ReleaseCache(Path.of(source.cacheDir()), download);
      ReleaseCache.Fetched release;
      try (var step = new Stage(progress, "Fetching Kubernetes " + version + " from " + source.url())) {
        release = cache.fetch(URI.create(source.tarballUrl(version.toString())), ReleaseDigests.serverTarballSha256(version),
            source.acceptUnverified(), progress);
        step.done();
      } catch (IOException e) {
        throw new LifecycleFailure(NodeImageBuilder.missingImage(plan, e.getMessage()), e);
      }
      work = Files.createTempDirectory(cache.dir(), ".build-");
      Path rootfs = work.resolve("rootfs");
      Path bin = Files.createDirectories(rootfs.resolve("usr/bin"));
      Path share = Files.createDirectories(rootfs.resolve("usr/local/share/dind"));
      Path tars = Files.createDirectories(work.resolve("images"));
      List<Image> images;
      try (var step = new Stage(progress, "Unpacking kubeadm, kubelet, kubectl and the control-plane images")) {
        ServerTarball.extract(release.file(), ComponentImages.RELEASE_TARBALL_IMAGES, tars);
        for (String binary : ServerTarball.BINARIES) {
          Files.move(tars.resolve(binary), bin.resolve(binary));
        }
        images = KubeadmImageList.of(version, bin.resolve("kubeadm"), progress);
        step.done();
      }
      boolean dnsAddon = true;
      List<String> everyNode = new ArrayList<>();
      List<String> controlPlane = new ArrayList<>();
      try (var step = new Stage(progress, "Preparing " + images.size() + " component images")) {
        for (Image image : images) {
          String target = image.nodeRef();
          if (image.inReleaseTarball()) {
            String component = image.name().replace("-amd64", "");
            Path tar = tars.resolve(component + ".tar");
            String loaded = ServerTarball.repoTag(tar).orElseThrow(() -> new IOException(tar.getFileName() + " names no image"));
            noteNew(runtime, loaded, madeOnHost);
            try (InputStream in = Files.newInputStream(tar)) {
              runtime.loadImage(in);
            }
            noteNew(runtime, target, madeOnHost);
            runtime.tagImage(loaded, target);
          } else {
            String upstream = image.upstreamRef(source.registry());
            noteNew(runtime, upstream, madeOnHost);
            try {
              runtime.pullImage(upstream, PULL_TIMEOUT);
            } catch (RuntimeFailure e) {
              if (ComponentImages.isDnsAddon(image.name()) && VersionRules.canSkipPhases(version)) {
                progress.warn("no " + upstream + " (" + e.getMessage() + "): the node image gets no DNS add-on;"
                    + " clusters use dind-cluster's own DNS");
                dnsAddon = false;
                continue;
              }
              throw new LifecycleFailure(NodeImageBuilder.missingImage(plan, "cannot pull " + upstream + " from DIND_REGISTRY="
                  + source.registry() + ": " + e.getMessage()), e);
            }
            noteNew(runtime, target, madeOnHost);
            runtime.tagImage(upstream, target);
          }
          (ComponentImages.isControlPlane(image.name()) ? controlPlane : everyNode).add(target);
        }
        // A worker's boot loads images.tar only (the node image's dind-load-images).
        try (OutputStream out = Files.newOutputStream(share.resolve("images.tar"))) {
          runtime.saveImages(everyNode, out);
        }
        try (OutputStream out = Files.newOutputStream(share.resolve("control-plane-images.tar"))) {
          runtime.saveImages(controlPlane, out);
        }
        Files.writeString(share.resolve("kubernetes-version"), version + "\n");
        Files.writeString(share.resolve(SANDBOX_IMAGE_RECORD), sandboxImage(images) + "\n");
        step.done();
      }
      try (var step = new Stage(progress, "Building node image " + plan.image())) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NodeImageRegistry.NODE_IMAGE_LABEL, "1");
        labels.put(NodeImageRegistry.KUBERNETES_VERSION_LABEL, version.toString());
        labels.put(SANDBOX_IMAGE_LABEL, sandboxImage(images));
        labels.put("dev.dindcluster.dns-addon", dnsAddon ? ComponentImages.dnsAddonName(version) : "none");
        labels.put("dev.dindcluster.release-checksum", release.label());
        labels.put("dev.dindcluster.release-url", source.tarballUrl(version.toString()));
        Path context = work.resolve("context.tar");
        BuildContext.write(context, base.image, labels, rootfs);
        try (InputStream in = Files.newInputStream(context)) {
          runtime.buildImage(in, buildTag);
        }
        runtime.tagImage(buildTag, plan.image());
        step.done();
      }
    } catch (IOException e) {
      throw new LifecycleFailure(NodeImageBuilder.missingImage(plan, e.getMessage()), e);
    } finally {
      runtime.removeImage(buildTag);
      madeOnHost.forEach(runtime::removeImage);
      if (work != null) {
        deleteTree(work);
      }
    }
  }

  /** The pause image among the ones this release's kubeadm runs (its tag moves between releases). */
  static String sandboxImage(List<Image> images) throws IOException {
    return images.stream().filter(i -> ComponentImages.isPause(i.name())).map(Image::nodeRef).findFirst()
        .orElseThrow(() -> new IOException("kubeadm's image list names no pause image"));
  }

  /** A progress step that reports a failure unless {@link #done()} was reached. */
  private static final class Stage implements AutoCloseable {
    private final Progress.Step step;
    private boolean done;

    Stage(Progress progress, String title) {
      step = progress.step(title);
    }

    void done() {
      done = true;
    }

    @Override
    public void close() {
      if (!done) {
        step.fail(new IllegalStateException("failed"));
      }
      step.close();
    }
  }

  /** Names this build adds to the host engine are removed again at the end; names that were there stay. */
  private static void noteNew(NodeRuntime runtime, String name, List<String> madeOnHost) {
    if (!madeOnHost.contains(name) && runtime.imageLabels(name).isEmpty()) {
      madeOnHost.add(name);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // the build's own outcome matters more; a temp directory under the cache is harmless
    }
  }

}
