package dev.dindcluster.runtime.docker;

/**
 * An image name split as the engine's API wants it: repository and tag ("latest" when none). The
 * tag is after the last ':' that follows the last '/', so a registry port is not taken for a tag.
 */
record ImageReference(String repository, String tag) {
  static ImageReference parse(String image) {
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/')
        ? new ImageReference(image.substring(0, colon), image.substring(colon + 1))
        : new ImageReference(image, "latest");
  }
}
