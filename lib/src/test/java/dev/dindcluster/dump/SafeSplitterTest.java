package dev.dindcluster.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeSplitterTest {
  @TempDir Path dir;

  private static void section(SafeSplitter splitter, String name, byte[] content) throws Exception {
    splitter.startSection(name, 1);
    splitter.content(content, 0, content.length);
    splitter.endSection();
  }

  @Test
  void aRepeatedSectionAppendsEachPartOnceNotTheWholeFileAgain() throws Exception {
    SafeSplitter splitter = new SafeSplitter(dir, "");
    byte[] part = "x".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 300; i++) {
      section(splitter, "repeated.txt", part);
    }
    assertThat(Files.size(dir.resolve("repeated.txt"))).isEqualTo(3_000_000L);
    assertThat(splitter.written()).singleElement().satisfies(f -> assertThat(f.size()).isEqualTo(3_000_000L));
    // Before, every repeat copied the whole earlier file: 10 KB x (1 + 2 + ... + 299) = 449 MB.
    assertThat(splitter.bytesCopied()).isEqualTo(299L * 10_000);
  }

  @Test
  void aDamagedLaterPartLeavesTheEarlierFileAsItWas() throws Exception {
    SafeSplitter splitter = new SafeSplitter(dir, "");
    section(splitter, "nodes.txt", "first part\n".getBytes(StandardCharsets.US_ASCII));
    splitter.startSection("nodes.txt", 5);
    splitter.content("cut off".getBytes(StandardCharsets.US_ASCII), 0, 7);
    splitter.abort();
    assertThat(Files.readString(dir.resolve("nodes.txt"))).isEqualTo("first part\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("nodes.txt");
    }
  }

  @Test
  void aSplitStopsAtItsOutputLimitKeepingWhatWasComplete() throws Exception {
    SafeSplitter splitter = new SafeSplitter(dir, "blob 1, ", 2L << 20);
    section(splitter, "small.txt", new byte[1 << 20]);
    splitter.startSection("bomb.txt", 9);
    assertThatThrownBy(() -> {
      for (int i = 0; i < 4; i++) {
        splitter.content(new byte[1 << 20], 0, 1 << 20);
      }
    }).isInstanceOf(DumpFormatException.class)
        .hasMessageContaining("blob 1, section 'bomb.txt'").hasMessageContaining("more than 2 MB");
    splitter.abort();
    assertThat(Files.size(dir.resolve("small.txt"))).isEqualTo(1L << 20);
    assertThat(dir.resolve("bomb.txt")).doesNotExist();
  }
}
