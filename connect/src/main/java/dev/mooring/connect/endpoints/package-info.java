/**
 * Who is behind each discovery name right now: immutable, versioned endpoint snapshots built from the tasks of a
 * namespace and their readiness (RUNNING, HEALTHY where they have health checks, not stopping), the host sets the
 * proxies are given (spec §4.4, §4.5).
 */
package dev.mooring.connect.endpoints;
