package dev.mooring.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One kind of document, read from memory without locking. Keys sort as strings, which gives list operations a stable
 * order to paginate over. Only {@link Store#write} changes a table.
 */
public final class Table<T> {
    final String kind;
    final Class<T> type;
    final Function<T, String> keyOf;
    final ConcurrentSkipListMap<String, T> rows = new ConcurrentSkipListMap<>();

    Table(String kind, Class<T> type, Function<T, String> keyOf) {
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
        return key == null ? Optional.empty() : Optional.ofNullable(rows.get(key));
    }

    public Stream<T> stream() {
        return rows.values().stream();
    }

    public List<T> all() {
        return List.copyOf(rows.values());
    }

    /** Rows whose key starts with {@code prefix}, in key order: ARNs share prefixes by region and parent. */
    public Stream<T> withPrefix(String prefix) {
        return rows.subMap(prefix, true, prefix + Character.MAX_VALUE, false).values().stream();
    }

    public int size() {
        return rows.size();
    }
}
