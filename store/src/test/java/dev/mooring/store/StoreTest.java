package dev.mooring.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
    record Item(String id, int count) {}

    @TempDir
    Path dir;

    @Test
    void committedWritesSurviveReopen() {
        try (Store store = Store.open(dir)) {
            Table<Item> items = store.table("item", Item.class, Item::id);
            store.write(tx -> {
                tx.put(items, new Item("a", 1));
                tx.put(items, new Item("b", 2));
                return null;
            });
            store.write(tx -> {
                tx.delete(items, "a");
                return null;
            });
        }
        try (Store store = Store.open(dir)) {
            Table<Item> items = store.table("item", Item.class, Item::id);
            assertThat(items.all()).containsExactly(new Item("b", 2));
        }
    }

    @Test
    void aWriteThatThrowsLeavesNothing() {
        try (Store store = Store.open(dir)) {
            Table<Item> items = store.table("item", Item.class, Item::id);
            long before = store.generation();
            assertThatThrownBy(() -> store.write(tx -> {
                tx.put(items, new Item("a", 1));
                throw new IllegalArgumentException("validation failed");
            })).hasMessage("validation failed");
            assertThat(items.size()).isZero();
            assertThat(store.generation()).isEqualTo(before);
        }
        try (Store store = Store.open(dir)) {
            assertThat(store.table("item", Item.class, Item::id).size()).isZero();
        }
    }

    @Test
    void txSeesItsOwnPendingChanges() {
        try (Store store = Store.open(dir)) {
            Table<Item> items = store.table("item", Item.class, Item::id);
            store.write(tx -> {
                tx.put(items, new Item("a", 1));
                return null;
            });
            long seen = store.write(tx -> {
                tx.put(items, new Item("b", 1));
                tx.delete(items, "a");
                assertThat(tx.get(items, "a")).isEmpty();
                return tx.stream(items).count();
            });
            assertThat(seen).isEqualTo(1);
        }
    }

    @Test
    void concurrentIncrementsLoseNothing() throws Exception {
        try (Store store = Store.open(dir)) {
            Table<Item> items = store.table("item", Item.class, Item::id);
            try (var pool = Executors.newFixedThreadPool(16)) {
                IntStream.range(0, 400).forEach(i -> pool.submit(() -> store.write(tx -> {
                    int n = tx.get(items, "counter").map(Item::count).orElse(0);
                    tx.put(items, new Item("counter", n + 1));
                    return null;
                })));
            }
            assertThat(items.get("counter")).contains(new Item("counter", 400));
        }
    }

    @Test
    void aNewerSchemaIsRefusedNotReset() throws Exception {
        Store.open(dir).close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Store.FILE_NAME));
             var st = c.createStatement()) {
            st.execute("PRAGMA user_version=" + (Store.SCHEMA_VERSION + 5));
        }
        assertThatThrownBy(() -> Store.open(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer Mooring");
    }

    @Test
    void aCorruptFileIsRefusedNotReset() throws Exception {
        byte[] garbage = "this is not a database, it is a shopping list".repeat(200).getBytes();
        Files.write(dir.resolve(Store.FILE_NAME), garbage);
        assertThatThrownBy(() -> Store.open(dir)).isInstanceOf(StoreException.class)
                .hasMessageContaining("not a usable Mooring state database");
        assertThat(Files.readAllBytes(dir.resolve(Store.FILE_NAME))).isEqualTo(garbage);
    }
}
