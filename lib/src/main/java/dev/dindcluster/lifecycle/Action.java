package dev.dindcluster.lifecycle;

/** One small step of a command (kind's actions): a title for progress and the work itself. */
public interface Action {
  String title();

  void execute(ClusterSession session) throws Exception;

  /**
   * True when the step mostly waits on Kubernetes or the node's boot (kubeadm, kubelet, systemd),
   * not on our own orchestration: the benchmark reports the rest as overhead.
   */
  default boolean waitsOnKubernetes() {
    return false;
  }

  /** The same action, marked as waiting on Kubernetes. */
  default Action waiting() {
    Action self = this;
    return new Action() {
      @Override
      public String title() {
        return self.title();
      }

      @Override
      public void execute(ClusterSession session) throws Exception {
        self.execute(session);
      }

      @Override
      public boolean waitsOnKubernetes() {
        return true;
      }
    };
  }

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
