/**
 * Durable state: an embedded SQLite database under the state directory, holding every resource as a JSON document,
 * mirrored in memory for lock-free reads. Writes are serialised and atomic; an acknowledged write survives
 * {@code kill -9} (WAL journal, committed before the caller returns).
 */
package dev.mooring.store;
