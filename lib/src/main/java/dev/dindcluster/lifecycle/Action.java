package dev.dindcluster.lifecycle;

/** One small step of a command (kind's actions): a title for progress and the work itself. */
public interface Action {
  String title();

  void execute(ClusterSession session) throws Exception;

  static Action of(String title, Step step) {
    return new Action() {
      @Override
      public String title() {
        return title;
      }

      @Override
      public void execute(ClusterSession session) throws Exception {
        step.run(session);
      }
    };
  }

  @FunctionalInterface
  interface Step {
    void run(ClusterSession session) throws Exception;
  }
}
