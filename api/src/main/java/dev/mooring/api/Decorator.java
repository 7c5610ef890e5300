package dev.mooring.api;

/**
 * One cross-cutting concern (request ids, region, logging, error mapping, body limits) wrapped around a handler, as
 * Armeria's decorators are: each does its one job and calls the handler it wraps, or answers in its stead.
 */
@FunctionalInterface
public interface Decorator {
    HttpHandler around(HttpHandler next);
}
