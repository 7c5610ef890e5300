package dev.mooring.proxy.listener;

/**
 * Fired down every downstream pipeline when the proxy drains: an idle HTTP/1.1 connection closes now, a busy one
 * answers its current request with {@code connection: close}; an HTTP/2 connection sends GOAWAY; TCP sessions run on.
 */
public enum DrainEvent { INSTANCE }
