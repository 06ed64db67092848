package dev.dindcluster.cli;

import dev.dindcluster.e2e.E2eSuite;
import picocli.CommandLine.Command;

/** {@code e2e-serial [focus] [skip]}: the serial conformance specs, one at a time. */
@Command(header = "Run the [Serial] conformance tests against the cluster, one at a time.",
    name = "e2e-serial", description = {
    "Run the [Serial] conformance e2e tests against the cluster, one at a time.",
    "FOCUS defaults to '\\[Serial\\].*\\[Conformance\\]', SKIP to nothing (Go regular expressions).",
    "Otherwise as e2e: JUnit XML, e2e.log and summary.txt in --report-dir; exit 1 when a spec fails."})
final class E2eSerialCommand extends E2eCommandBase {
  @Override
  E2eSuite suite() {
    return E2eSuite.SERIAL;
  }
}
