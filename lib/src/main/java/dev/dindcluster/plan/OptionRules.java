package dev.dindcluster.plan;

import dev.dindcluster.cni.CniPlugin;
import dev.dindcluster.config.FixedRelease;
import dev.dindcluster.config.Knob;
import dev.dindcluster.config.Knobs;
import dev.dindcluster.config.Settings;
import dev.dindcluster.k8s.KubernetesVersion;
import dev.dindcluster.k8s.VersionRules;
import dev.dindcluster.net.CidrLists;
import dev.dindcluster.net.IpMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The knobs besides identity and networks: defaults and validation. */
final class OptionRules {
  private static final Pattern EXTRA_ARG = Pattern.compile("(APISERVER|CONTROLLER_MANAGER|SCHEDULER)_([a-z_]+)");
  private static final Pattern GATES = Pattern.compile("[A-Za-z0-9]+=(true|false)(,[A-Za-z0-9]+=(true|false))*");
  private static final Pattern NETWORK_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  private static final Pattern RELEASE_URL = Pattern.compile("https?://[A-Za-z0-9.\\[\\]:_-]+(?::\\d{1,5})?(/[A-Za-z0-9._~%/+-]*)?");

  private OptionRules() {}

  static CniPlugin cni(Settings settings, Findings findings) {
    String value = settings.orDefault("CNI_PLUGIN", "bridge");
    CniPlugin plugin = CniPlugin.fromKnob(value).orElse(null);
    if (plugin == null) {
      findings.problem("CNI_PLUGIN", value, "Unsupported CNI plugin: must be one of " + CniPlugin.allowedValues());
    }
    return plugin;
  }

  /** NUM_NODES as a number (the networks may lower the limit); null when invalid. */
  static Integer numNodes(Settings settings, Findings findings) {
    String value = settings.orDefault("NUM_NODES", "2");
    OptionalInt n = Numbers.wholeNumber(value, 0, NodeLimits.MAX_WORKERS);
    if (n.isEmpty()) {
      findings.problem("NUM_NODES", value, Numbers.rule(0, NodeLimits.MAX_WORKERS) + " (0 = master only)");
      return null;
    }
    return n.getAsInt();
  }

  static int apiServerPort(Settings settings, Findings findings) {
    String value = settings.nonEmpty("APISERVER_PORT").orElse("0");
    OptionalInt port = Numbers.wholeNumber(value, 0, 65535);
    if (port.isEmpty()) {
      findings.problem("APISERVER_PORT", value, Numbers.rule(0, 65535) + " (0 = pick a free port)");
      return 0;
    }
    return port.getAsInt();
  }

  /** Warns about IGNORED knobs and reports REJECTED ones that are set to a non-empty value. */
  static void unsupportedKnobs(Settings settings, Findings findings) {
    for (Knob knob : Knobs.all()) {
      String value = settings.nonEmpty(knob.name()).orElse(null);
      if (value == null || knob.isPattern() || knob.supported()) {
        continue;
      }
      if (knob.support() == Knob.Support.IGNORED) {
        findings.warning(knob.name() + "='" + value + "' is ignored: " + stripLead(knob.description()));
      } else if (!(value.equals("keep://") && knob.name().endsWith("_SOURCE"))) {
        findings.problem(knob.name(), value, "is not supported here; leave it unset. " + stripLead(knob.description()));
      }
    }
  }

  private static String stripLead(String description) {
    return description.replaceFirst("^(Ignored with a warning|Rejected unless keep://|Rejected)(: | \\(| )?", "");
  }

  static ClusterOptions options(Settings settings, IpMode mode, boolean allowAaaaUse, FixedRelease release, Findings findings) {
    String hairpin = settings.orDefault("USE_HAIRPIN", mode == IpMode.IPV4 ? "false" : "true");
    if (!hairpin.equals("true") && !hairpin.equals("false")) {
      findings.problem("USE_HAIRPIN", hairpin, "must be true or false");
    }
    String cri = settings.orDefault("DIND_CRI", VersionRules.defaultCri(KubernetesVersion.parse(release.kubernetesVersion())));
    String criSocket = switch (cri) {
      case "docker" -> "/var/run/dockershim.sock";
      case "containerd" -> "/var/run/containerd/containerd.sock";
      default -> {
        findings.problem("DIND_CRI", cri, "Bad DIND_CRI. Please specify 'docker' or 'containerd'");
        yield null;
      }
    };
    String storageDriver = settings.orDefault("DIND_STORAGE_DRIVER", "overlay2");
    if (!storageDriver.equals("overlay2")) {
      // The node image's dockerd is set up for overlay2 (its state lives on the node volume);
      // vfs and the others are not offered rather than accepted and silently not used.
      findings.problem("DIND_STORAGE_DRIVER", storageDriver, "must be overlay2, the storage driver the node image runs");
    }
    String releaseUrl = settings.orDefault("DIND_RELEASE_URL", ReleaseSource.DEFAULT_URL);
    if (!RELEASE_URL.matcher(releaseUrl).matches()) {
      findings.problem("DIND_RELEASE_URL", releaseUrl, "must be an http:// or https:// URL without query or fragment, such as " + ReleaseSource.DEFAULT_URL);
    }
    String registry = settings.orDefault("DIND_REGISTRY", ReleaseSource.DEFAULT_REGISTRY);
    if (!ReleaseSource.isRegistry(registry)) {
      findings.problem("DIND_REGISTRY", registry, "must be a registry host[:port][/path] such as " + ReleaseSource.DEFAULT_REGISTRY + " or 127.0.0.1:5000");
    }
    String cacheDir = settings.orDefault("DIND_CACHE_DIR", ReleaseSource.DEFAULT_CACHE_DIR);
    if (!cacheDir.startsWith("/")) {
      findings.problem("DIND_CACHE_DIR", cacheDir, "must be an absolute path");
    }
    String timeout = settings.orDefault("DIND_DOWNLOAD_TIMEOUT", "30");
    OptionalInt readTimeout = Numbers.wholeNumber(timeout, 1, 3600);
    if (readTimeout.isEmpty()) {
      findings.problem("DIND_DOWNLOAD_TIMEOUT", timeout, Numbers.rule(1, 3600) + " (seconds)");
    }
    String unverified = settings.orDefault("DIND_UNVERIFIED_RELEASE", "refuse");
    if (!unverified.equals("refuse") && !unverified.equals("accept")) {
      findings.problem("DIND_UNVERIFIED_RELEASE", unverified, "must be refuse (a release without a published checksum stops up) or accept (it is used unchecked)");
    }
    String nodeImageRegistry = settings.nonEmpty("DIND_NODE_IMAGE_REGISTRY").orElse(null);
    if (nodeImageRegistry != null && !ReleaseSource.isRegistry(nodeImageRegistry)) {
      findings.problem("DIND_NODE_IMAGE_REGISTRY", nodeImageRegistry, "must be a registry host[:port][/path] such as 127.0.0.1:5000 or registry.example.com/dind");
    }
    return new ClusterOptions(
        hairpin.equals("true"),
        allowAaaaUse,
        gates(settings, "FEATURE_GATES", "none", findings),
        gates(settings, "KUBELET_FEATURE_GATES", "none", findings),
        extraArgs(settings, "APISERVER"),
        extraArgs(settings, "CONTROLLER_MANAGER"),
        extraArgs(settings, "SCHEDULER"),
        cri,
        criSocket,
        dnsService(settings, release, findings),
        storageDriver,
        settings.flag("SKIP_SNAPSHOT"),
        settings.flag("SKIP_DASHBOARD"),
        settings.nonEmpty("DIND_PORT_FORWARDER").orElse(null),
        extraPorts(settings, findings),
        customNetworks(settings, findings),
        settings.nonEmpty("E2E_REPORT_DIR").orElse(null),
        settings.flag("DIND_NO_PARALLEL_E2E"),
        new ReleaseSource(releaseUrl.replaceAll("/+$", ""), registry.replaceAll("/+$", ""), cacheDir,
            readTimeout.orElse(30), unverified.equals("accept"),
            nodeImageRegistry == null ? null : nodeImageRegistry.replaceAll("/+$", "")));
  }

  private static String gates(Settings settings, String knob, String defaultValue, Findings findings) {
    String value = settings.orDefault(knob, defaultValue);
    if (value.equals("none")) {
      return null;
    }
    if (!GATES.matcher(value).matches()) {
      findings.problem(knob, value, "must be none or Name=true|false pairs separated by commas");
    }
    return value;
  }

  /** Any PREFIX_[a-z_]+ variable becomes an extra argument, '_' turned into '-' (as in the original). */
  static Map<String, String> extraArgs(Settings settings, String prefix) {
    Map<String, String> args = new LinkedHashMap<>();
    settings.all().forEach((name, value) -> {
      Matcher m = EXTRA_ARG.matcher(name);
      if (m.matches() && m.group(1).equals(prefix)) {
        args.put(m.group(2).replace('_', '-'), value);
      }
    });
    return args;
  }

  private static String dnsService(Settings settings, FixedRelease release, Findings findings) {
    String value = settings.orDefault("DNS_SERVICE", "coredns");
    if (!value.equals("coredns") && !value.equals("kube-dns")) {
      findings.problem("DNS_SERVICE", value, "must be coredns or kube-dns");
      return value;
    }
    String[] minor = release.minorVersion().substring(1).split("\\.");
    boolean since113 = Integer.parseInt(minor[0]) > 1 || Integer.parseInt(minor[1]) >= 13;
    if (value.equals("kube-dns") && since113) {
      findings.warning("for 1.13+, only coredns can be used as the DNS service; using coredns");
      return "coredns";
    }
    return value;
  }

  private static List<String> extraPorts(Settings settings, Findings findings) {
    String value = settings.nonEmpty("EXTRA_PORTS").orElse("");
    List<String> specs = Arrays.stream(value.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String spec : specs) {
      try {
        PortSpec.parse(spec);
      } catch (IllegalArgumentException e) {
        findings.problem("EXTRA_PORTS", value, e.getMessage() + "; separate specs with ';'");
      }
    }
    return specs;
  }

  private static List<String> customNetworks(Settings settings, Findings findings) {
    String value = settings.nonEmpty("DIND_CUSTOM_NETWORKS").orElse(null);
    List<String> names = CidrLists.split(value);
    for (String name : names) {
      if (!NETWORK_NAME.matcher(name).matches()) {
        findings.problem("DIND_CUSTOM_NETWORKS", value, "'" + name + "' is not a Docker network name; separate names with commas");
      }
    }
    return names;
  }
}
