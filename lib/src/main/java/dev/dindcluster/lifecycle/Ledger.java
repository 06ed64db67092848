package dev.dindcluster.lifecycle;

import dev.dindcluster.progress.Progress;
import dev.dindcluster.runtime.NodeRuntime;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What this run created, so a failure (or Ctrl-C) can remove exactly that — newest first — and
 * nothing that existed before the run. Thread-safe: workers are created and joined in parallel.
 */
public final class Ledger {
  private enum Kind { CONTAINER, VOLUME, NETWORK }

  private record Entry(Kind kind, String name) {}

  private final Deque<Entry> created = new ArrayDeque<>();

  public synchronized void container(String name) {
    created.push(new Entry(Kind.CONTAINER, name));
  }

  public synchronized void volume(String name) {
    created.push(new Entry(Kind.VOLUME, name));
  }

  public synchronized void network(String name) {
    created.push(new Entry(Kind.NETWORK, name));
  }

  public synchronized boolean isEmpty() {
    return created.isEmpty();
  }

  /** Removes everything recorded, newest first; keeps going past failures and reports them. */
  public synchronized void rollback(NodeRuntime runtime, Progress progress) {
    // Containers first whatever the order of creation: volumes and networks in use cannot go.
    for (Kind kind : Kind.values()) {
      for (Entry entry : created) {
        if (entry.kind() != kind) {
          continue;
        }
        try {
          switch (kind) {
            case CONTAINER -> runtime.removeContainer(entry.name());
            case VOLUME -> runtime.removeVolume(entry.name());
            case NETWORK -> runtime.removeNetwork(entry.name());
          }
          progress.detail("removed " + kind.name().toLowerCase() + " " + entry.name());
        } catch (RuntimeException e) {
          progress.warn("could not remove " + kind.name().toLowerCase() + " " + entry.name() + ": " + e.getMessage());
        }
      }
    }
    created.clear();
  }
}
