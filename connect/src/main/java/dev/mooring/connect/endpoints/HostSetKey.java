package dev.mooring.connect.endpoints;

/** A host set: the tasks behind one discovery name of one namespace (discovery names are unique per namespace). */
public record HostSetKey(String namespaceArn, String discoveryName) {}
