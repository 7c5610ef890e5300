package dev.mooring.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The changes of one {@link Store#write}. Reads through a Tx see its own pending changes, so validation inside a
 * write can check uniqueness against what the same write already did.
 */
public final class Tx {
    record Key(Table<?> table, String id) {}

    /** A pending value, or {@code null} for a pending delete. */
    final Map<Key, Object> pending = new LinkedHashMap<>();
    /** The latest commit when the write began; nothing else commits while it runs. */
    private final Snapshot base;

    Tx(Snapshot base) {
        this.base = base;
    }

    public <T> Optional<T> get(Table<T> table, String id) {
        Key key = new Key(table, id);
        if (pending.containsKey(key)) {
            return Optional.ofNullable(table.type.cast(pending.get(key)));
        }
        return base.get(table, id);
    }

    public <T> void put(Table<T> table, T value) {
        Objects.requireNonNull(value, "value");
        pending.put(new Key(table, table.keyOf(value)), value);
    }

    public <T> void delete(Table<T> table, String id) {
        pending.put(new Key(table, id), null);
    }

    /** The table as this write would leave it. */
    public <T> Stream<T> stream(Table<T> table) {
        Stream<T> committed = base.rows(table).entrySet().stream()
                .filter(e -> !pending.containsKey(new Key(table, e.getKey())))
                .map(Map.Entry::getValue);
        Stream<T> added = pending.entrySet().stream()
                .filter(e -> e.getKey().table() == table && e.getValue() != null)
                .map(e -> table.type.cast(e.getValue()));
        return Stream.concat(committed, added);
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }
}
