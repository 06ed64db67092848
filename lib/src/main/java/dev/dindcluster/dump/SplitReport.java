package dev.dindcluster.dump;

import java.util.List;

/**
 * What a split produced: the files put in place (complete sections only) and every problem met
 * (refused names, cut-off or damaged blobs). Any problem means a non-zero exit.
 */
public record SplitReport(List<WrittenFile> files, List<String> problems) {
  public SplitReport {
    files = List.copyOf(files);
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
