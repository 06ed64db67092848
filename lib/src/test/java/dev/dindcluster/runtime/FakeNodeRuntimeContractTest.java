package dev.dindcluster.runtime;

/** The fake keeps the same contract as the engine, so lifecycle tests against it mean something. */
class FakeNodeRuntimeContractTest extends NodeRuntimeContract {
  @Override
  protected NodeRuntime newRuntime() {
    return new FakeNodeRuntime();
  }
}
