package dev.mooring.reconcile;

import dev.mooring.store.Table;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Finds which rows of one table changed since it last looked, by comparing with the rows it saw then. Committed rows
 * are immutable records that a commit replaces, so an unchanged row is the same object and the comparison is a
 * pointer check; a row replaced by an equal one (a write that changed nothing) is not a change.
 */
final class TableWatch<T> {
    private final Table<T> table;
    private final Map<String, T> seen = new HashMap<>();

    TableWatch(Table<T> table) {
        this.table = table;
    }

    void diff(Changes into) {
        int seenBefore = seen.size();
        int stillThere = 0;
        for (T row : (Iterable<T>) table.stream()::iterator) {
            String id = table.keyOf(row);
            T previous = seen.put(id, row);
            if (previous == null) {
                into.add(Key.row(table, id), null);
            } else {
                stillThere++;
                if (previous != row && !previous.equals(row)) {
                    into.add(Key.row(table, id), previous);
                }
            }
        }
        if (stillThere < seenBefore) {
            // some rows were deleted: only then is it worth asking the table about every row seen
            for (Iterator<Map.Entry<String, T>> it = seen.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, T> e = it.next();
                if (table.get(e.getKey()).isEmpty()) {
                    into.add(Key.row(table, e.getKey()), e.getValue());
                    it.remove();
                }
            }
        }
    }
}
