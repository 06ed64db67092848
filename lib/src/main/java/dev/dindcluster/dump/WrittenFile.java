package dev.dindcluster.dump;

import java.nio.file.Path;

/** One file a splitter put in place, with its final size. */
public record WrittenFile(Path path, long size) {}
