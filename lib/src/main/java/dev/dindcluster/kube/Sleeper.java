package dev.dindcluster.kube;

import java.time.Duration;

/** Waits between polls; injected so tests run waits without waiting. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
}
