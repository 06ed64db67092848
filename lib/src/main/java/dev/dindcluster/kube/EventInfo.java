package dev.dindcluster.kube;

/** One event, as {@code kubectl get events} lists it. {@code lastSeen} is the API's timestamp text. */
public record EventInfo(
    String namespace, String lastSeen, String type, String reason, String object, int count, String message) {}
