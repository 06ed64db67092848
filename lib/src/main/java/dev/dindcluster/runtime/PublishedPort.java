package dev.dindcluster.runtime;

/** Where the engine published a container port on the host. */
public record PublishedPort(String hostIp, int hostPort) {}
