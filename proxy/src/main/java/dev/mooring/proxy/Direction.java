package dev.mooring.proxy;

/** Client side (egress: the app's outbound calls) or server side (ingress: calls into the app) of Service Connect. */
public enum Direction { EGRESS, INGRESS }
