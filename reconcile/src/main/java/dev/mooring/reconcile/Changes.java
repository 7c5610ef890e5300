package dev.mooring.reconcile;

import dev.mooring.store.Table;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What changed since a controller's last pass. Store rows carry the value they had before, so a controller can map
 * a deleted row to what it belonged to. With {@link #resync()} the keys are a hint only: look at everything.
 */
public final class Changes {
    private final boolean resync;
    private final Map<String, Set<String>> idsByKind = new HashMap<>();
    private final Map<Key, Object> before = new HashMap<>();

    Changes(boolean resync) {
        this.resync = resync;
    }

    /** A resync: everything, as the periodic tick and the first pass ask. */
    public static Changes everything() {
        return new Changes(true);
    }

    /** Only these keys (for tests and callers that know exactly what changed). */
    public static Changes of(Key... keys) {
        Changes c = new Changes(false);
        for (Key k : keys) {
            c.add(k, null);
        }
        return c;
    }

    void add(Key key, Object previous) {
        idsByKind.computeIfAbsent(key.kind(), k -> new HashSet<>()).add(key.id());
        if (previous != null) {
            before.put(key, previous);
        }
    }

    public boolean resync() {
        return resync;
    }

    public boolean isEmpty() {
        return !resync && idsByKind.isEmpty();
    }

    /** The ids of changed keys of one kind. */
    public Set<String> ids(String kind) {
        return Collections.unmodifiableSet(idsByKind.getOrDefault(kind, Set.of()));
    }

    /** The ids of changed rows of one table. */
    public Set<String> ids(Table<?> table) {
        return ids(table.kind());
    }

    /** What a changed row held before the change; empty for a new row. */
    @SuppressWarnings("unchecked") // only a row of this table is ever stored under its key
    public <T> Optional<T> before(Table<T> table, String id) {
        return Optional.ofNullable((T) before.get(Key.row(table, id)));
    }

    @Override
    public String toString() {
        return resync ? "resync" : idsByKind.toString();
    }
}
