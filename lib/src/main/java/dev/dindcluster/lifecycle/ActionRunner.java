package dev.dindcluster.lifecycle;

import dev.dindcluster.progress.Progress;
import java.util.List;

/**
 * Runs a command's actions in order, each as one progress step. On failure — or Ctrl-C, through a
 * shutdown hook — it removes what this run created unless the session retains it, then rethrows
 * with the failing step's title in the message.
 */
public final class ActionRunner {
  private ActionRunner() {}

  public static void run(ClusterSession session, List<Action> actions) {
    session.markStarted();
    Progress progress = session.progress();
    Thread hook = new Thread(() -> {
      if (session.finished()) {
        return;
      }
      progress.warn("interrupted: " + (session.retain() ? "keeping what was created (--retain)" : "removing what this run created"));
      if (!session.retain()) {
        session.ledger().rollback(session.runtime(), progress);
      }
    }, "dind-cluster-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      for (Action action : actions) {
        try (Progress.Step step = progress.step(action.title())) {
          try {
            action.execute(session);
            session.recordTiming(new ClusterSession.StepTiming(action.title(), step.elapsedMillis(), action.waitsOnKubernetes()));
          } catch (Exception e) {
            step.fail(e);
            throw fail(session, action, e);
          }
        }
      }
    } finally {
      session.finish();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run; nothing more to do
      }
    }
  }

  private static RuntimeException fail(ClusterSession session, Action action, Exception cause) {
    String message = "step '" + action.title() + "' failed: " + cause.getMessage();
    if (session.retain()) {
      session.progress().warn("keeping what this run created (--retain); remove it with 'clean'");
    } else if (!session.ledger().isEmpty()) {
      session.progress().warn("removing what this run created (use --retain to keep it for debugging)");
      session.ledger().rollback(session.runtime(), session.progress());
    }
    if (cause instanceof ClusterStateException) {
      return new ClusterStateException(message);
    }
    if (cause instanceof IllegalArgumentException) {
      return new IllegalArgumentException(message, cause);
    }
    return new LifecycleFailure(message, cause);
  }
}
