package dev.dindcluster.kube;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when its sleeper sleeps: waits in tests run at once and deterministically. */
public final class FakeTime {
  private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private volatile Duration slept = Duration.ZERO;

  public final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  };

  public final Sleeper sleeper = duration -> {
    synchronized (this) {
      now = now.plus(duration);
      slept = slept.plus(duration);
    }
  };

  /** How long the code under test "slept" in all. */
  public Duration slept() {
    return slept;
  }
}
