package dev.dindcluster.dump;

import static dev.dindcluster.dump.DumpTestSupport.QUIET;
import static dev.dindcluster.dump.DumpTestSupport.in;
import static dev.dindcluster.dump.DumpTestSupport.vector;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What already exists in the output directory cannot redirect a split or abort it. */
class SplitTargetsTest {
  @TempDir Path dir;

  @Test
  void aSymlinkWhereBlob2GoesIsNotFollowed() throws Exception {
    Path out = Files.createDirectory(dir.resolve("cluster-dump"));
    Path outside = Files.createDirectory(dir.resolve("outside"));
    Files.createSymbolicLink(out.resolve("2"), Path.of("../outside"));
    String blob = new String(vector("sample-dump64.txt"), StandardCharsets.UTF_8);
    SplitReport report = new Dump64Splitter(out, null, QUIET).split(in((blob + blob).getBytes(StandardCharsets.UTF_8)));
    try (var left = Files.list(outside)) {
      assertThat(left).isEmpty();
    }
    assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("is a symbolic link"));
    assertThat(out.resolve("1/nodes.txt")).exists();
  }

  @Test
  void aDirectoryNamedLikeASectionIsLeftAloneAndTheRestIsSplit() throws Exception {
    Path out = Files.createDirectory(dir.resolve("cluster-dump"));
    Files.createDirectory(out.resolve("nodes.txt"));
    SplitReport report = new Dump64Splitter(out, null, QUIET).split(in(vector("sample-dump64.txt")));
    assertThat(out.resolve("nodes.txt")).isDirectory();
    assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("nodes.txt").contains("existing directory"));
    assertThat(report.files()).hasSizeGreaterThan(10);
  }
}
