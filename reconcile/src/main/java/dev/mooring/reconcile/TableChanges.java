package dev.mooring.reconcile;

import dev.mooring.store.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of some tables that changed since the last {@link #read}: the reconcile engine's view of store commits,
 * usable by anything else that follows the store (the DNS zone publisher). Not thread-safe: one reader.
 */
public final class TableChanges {
    private final List<TableWatch<?>> watches;

    /** Each table once, however often it is named. */
    public TableChanges(List<? extends Table<?>> tables) {
        Map<String, TableWatch<?>> byKind = new LinkedHashMap<>();
        tables.forEach(t -> byKind.putIfAbsent(t.kind(), new TableWatch<>(t)));
        this.watches = List.copyOf(byKind.values());
    }

    /** The changes since the last read; {@code resync} marks them as "look at everything" too. */
    public Changes read(boolean resync) {
        Changes changes = new Changes(resync);
        addTo(changes);
        return changes;
    }

    void addTo(Changes changes) {
        watches.forEach(w -> w.diff(changes));
    }
}
