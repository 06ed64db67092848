package dev.dindcluster.runtime.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Collects an exec's or a container's multiplexed output frames into stdout and stderr (or one stream). */
final class OutputCapture extends ResultCallback.Adapter<Frame> {
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final boolean merge;

  /** @param merge put stderr into stdout too, in arrival order (for logs) */
  OutputCapture(boolean merge) {
    this.merge = merge;
  }

  @Override
  public void onNext(Frame frame) {
    byte[] payload = frame.getPayload();
    if (payload == null) {
      return;
    }
    synchronized (this) {
      if (frame.getStreamType() == StreamType.STDERR && !merge) {
        stderr.writeBytes(payload);
      } else {
        stdout.writeBytes(payload);
      }
    }
  }

  synchronized String stdout() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  synchronized String stderr() {
    return stderr.toString(StandardCharsets.UTF_8);
  }
}
