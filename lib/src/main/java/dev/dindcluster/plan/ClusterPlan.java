package dev.dindcluster.plan;

import java.util.List;

/**
 * Everything computed for one cluster before anything is created. STUB: the pure-core work
 * (issue #2) replaces this record with the full plan; keep {@link #warnings()}.
 */
public record ClusterPlan(List<String> warnings) {}
