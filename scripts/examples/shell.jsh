//DEPS dev.dindcluster:dind-cluster-lib:0.1.0
// JShell with the library: scripts/jbang shell (or scripts/jbang --interactive scripts/examples/shell.jsh)
//   jshell> var c = DindCluster.builder().numNodes(1).build();
//   jshell> c.up(); c.client().nodes().list().getItems().forEach(n -> System.out.println(n.getMetadata().getName()));
import dev.dindcluster.api.*;
import java.nio.file.*;
System.setProperty("slf4j.internal.verbosity", "ERROR");
