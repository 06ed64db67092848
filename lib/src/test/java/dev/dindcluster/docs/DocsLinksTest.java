package dev.dindcluster.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every relative link in the repository's Markdown points at a file that exists (docs moved around break them). */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void everyRelativeLinkInTheDocsResolves() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<String> broken = new ArrayList<>();
    List<Path> docs = new ArrayList<>();
    // Build output is skipped, not walked and filtered: surefire rewrites lib/target while this runs.
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
        return root.relativize(dir).toString().matches("\\.git|lib/target|test-artifacts|node_modules")
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (file.toString().endsWith(".md")) {
          docs.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    for (Path doc : docs) {
      Matcher m = LINK.matcher(Files.readString(doc));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^(https?:|mailto:|#).*")) {
          continue;
        }
        String file = target.replaceFirst("#.*$", "");
        if (!Files.exists(doc.getParent().resolve(file))) {
          broken.add(root.relativize(doc) + " -> " + target);
        }
      }
    }
    assertThat(docs).as("the README and the docs next to the code are found").hasSizeGreaterThan(8);
    assertThat(broken).as("links to files that do not exist").isEmpty();
  }
}
