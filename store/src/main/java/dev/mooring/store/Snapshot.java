package dev.mooring.store;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.pcollections.TreePMap;

/**
 * Every table as one commit left it. Immutable: a reader holding a snapshot sees that commit whole however many
 * writes land meanwhile, and several reads through one snapshot agree with each other (rows of different tables
 * included). {@link Store#snapshot()} gives the latest.
 */
public final class Snapshot {
    static final Snapshot EMPTY = new Snapshot(0, new TreePMap<?, ?>[0]);

    private final long generation;
    /** Indexed by {@link Table#index}; a table declared after this snapshot was taken reads as empty. */
    private final TreePMap<?, ?>[] rows;

    Snapshot(long generation, TreePMap<?, ?>[] rows) {
        this.generation = generation;
        this.rows = rows;
    }

    /** The commit this snapshot shows: it increases with every committed write. */
    public long generation() {
        return generation;
    }

    @SuppressWarnings("unchecked")
    <T> TreePMap<String, T> rows(Table<T> table) {
        return table.index < rows.length ? (TreePMap<String, T>) rows[table.index] : TreePMap.empty();
    }

    public <T> Optional<T> get(Table<T> table, String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(rows(table).get(key));
    }

    /** Rows in key order. */
    public <T> Stream<T> stream(Table<T> table) {
        return rows(table).values().stream();
    }

    public <T> List<T> all(Table<T> table) {
        return List.copyOf(rows(table).values());
    }

    /** Rows whose key starts with {@code prefix}, in key order: ARNs share prefixes by region and parent. */
    public <T> Stream<T> withPrefix(Table<T> table, String prefix) {
        return rows(table).subMap(prefix, true, prefix + Character.MAX_VALUE, false).values().stream();
    }

    public int size(Table<?> table) {
        return rows(table).size();
    }

    /** This snapshot with one more (empty or loaded) table; only the store's writer derives snapshots. */
    Snapshot withTable(Table<?> table, TreePMap<String, ?> loaded) {
        TreePMap<?, ?>[] next = java.util.Arrays.copyOf(rows, Math.max(rows.length, table.index + 1));
        next[table.index] = loaded;
        return new Snapshot(generation, next);
    }

    /** The snapshot after one commit: only the tables the commit touched get new (structurally shared) maps. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Snapshot apply(Iterable<java.util.Map.Entry<Tx.Key, Object>> changes) {
        TreePMap[] next = rows.clone();
        for (var change : changes) {
            Table<?> table = change.getKey().table();
            TreePMap<String, Object> current = next[table.index];
            next[table.index] = change.getValue() == null
                    ? current.minus(change.getKey().id())
                    : current.plus(change.getKey().id(), change.getValue());
        }
        return new Snapshot(generation + 1, next);
    }

    /** Every table emptied, as one commit. */
    Snapshot cleared() {
        TreePMap<?, ?>[] next = new TreePMap<?, ?>[rows.length];
        java.util.Arrays.fill(next, TreePMap.empty());
        return new Snapshot(generation + 1, next);
    }
}
