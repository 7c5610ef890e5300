package dev.mooring.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One kind of document, read from memory without locking. Keys sort as strings, which gives list operations a stable
 * order to paginate over. Only {@link Store#write} changes a table.
 *
 * <p>Each call reads the latest {@link Snapshot}, so it sees one commit whole; a reader that makes several calls and
 * needs them to agree takes one {@link Store#snapshot()} and reads through it.
 */
public final class Table<T> {
    final Store store;
    final int index;
    final String kind;
    final Class<T> type;
    final Function<T, String> keyOf;

    Table(Store store, int index, String kind, Class<T> type, Function<T, String> keyOf) {
        this.store = store;
        this.index = index;
        this.kind = kind;
        this.type = type;
        this.keyOf = keyOf;
    }

    public String kind() {
        return kind;
    }

    public String keyOf(T value) {
        return keyOf.apply(value);
    }

    public Optional<T> get(String key) {
        return store.snapshot().get(this, key);
    }

    public Stream<T> stream() {
        return store.snapshot().stream(this);
    }

    public List<T> all() {
        return store.snapshot().all(this);
    }

    /** Rows whose key starts with {@code prefix}, in key order: ARNs share prefixes by region and parent. */
    public Stream<T> withPrefix(String prefix) {
        return store.snapshot().withPrefix(this, prefix);
    }

    public int size() {
        return store.snapshot().size(this);
    }
}
