package dev.mooring.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mooring.store.Store;
import dev.mooring.store.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileEngineTest {
    /** A long tick, so that every pass in these tests comes from a change, never from the resync. */
    private static final Duration NO_TICK = Duration.ofHours(1);

    record Row(String id, String value) {}

    /** Records what each pass handed it. */
    record Recorder(String name, List<Table<?>> watches, List<Changes> passes) implements Controller {
        Recorder(String name, Table<?> watched) {
            this(name, List.of(watched), new CopyOnWriteArrayList<>());
        }

        @Override
        public void reconcile(Changes changes) {
            passes.add(changes);
        }

        Set<String> lastIds(Table<?> table) {
            return passes.getLast().ids(table);
        }
    }

    @TempDir
    Path dir;

    @Test
    void controllersGetTheKeysThatChangedAndANoOpWriteWakesNobody() {
        try (Store store = Store.open(dir)) {
            Table<Row> rows = store.table("test.row", Row.class, Row::id);
            Recorder recorder = new Recorder("recorder", rows);
            try (ReconcileEngine engine = new ReconcileEngine(store, List.of(recorder), NO_TICK)) {
                engine.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> recorder.passes().size() == 1);
                assertThat(recorder.passes().getFirst().resync()).as("the first pass looks at everything").isTrue();

                store.write(tx -> {
                    tx.put(rows, new Row("a", "1"));
                    return null;
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> recorder.passes().size() == 2);
                assertThat(recorder.lastIds(rows)).containsExactly("a");
                assertThat(recorder.passes().getLast().resync()).isFalse();

                // an equal row written again changes nothing, so it makes no pass; b's write is what the next pass sees
                store.write(tx -> {
                    tx.put(rows, new Row("a", "1"));
                    return null;
                });
                store.write(tx -> {
                    tx.put(rows, new Row("b", "1"));
                    return null;
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> recorder.passes().stream()
                        .anyMatch(c -> c.ids(rows).contains("b")));
                assertThat(recorder.passes()).hasSize(3);
                assertThat(recorder.lastIds(rows)).containsExactly("b");

                store.write(tx -> {
                    tx.delete(rows, "a");
                    return null;
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> recorder.passes().size() == 4);
                assertThat(recorder.lastIds(rows)).containsExactly("a");
                assertThat(recorder.passes().getLast().before(rows, "a")).contains(new Row("a", "1"));
            }
        }
    }

    @Test
    void aControllersWriteWakesTheControllersAfterItWithItsKeysAndARuntimeKeyArrivesAsIs() {
        try (Store store = Store.open(dir)) {
            Table<Row> orders = store.table("test.order", Row.class, Row::id);
            Table<Row> shipments = store.table("test.shipment", Row.class, Row::id);
            // ships every order it is told about: a write of its own that the next controller must hear of
            Controller shipper = new Controller() {
                @Override
                public String name() {
                    return "shipper";
                }

                @Override
                public List<Table<?>> watches() {
                    return List.of(orders);
                }

                @Override
                public void reconcile(Changes changes) {
                    Set<String> ids = changes.ids(orders);
                    if (!ids.isEmpty()) {
                        store.write(tx -> {
                            ids.forEach(id -> tx.put(shipments, new Row(id, "shipped")));
                            return null;
                        });
                    }
                }
            };
            Recorder recorder = new Recorder("recorder", shipments);
            try (ReconcileEngine engine = new ReconcileEngine(store, List.of(shipper, recorder), NO_TICK)) {
                engine.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.passes().isEmpty());

                store.write(tx -> {
                    tx.put(orders, new Row("o1", "new"));
                    return null;
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> recorder.passes().stream()
                        .anyMatch(c -> c.ids(shipments).contains("o1")));

                engine.changed(Key.runtimeTask("t1"));
                await().atMost(Duration.ofSeconds(10)).until(() -> recorder.passes().stream()
                        .anyMatch(c -> c.ids(Key.RUNTIME_TASK).contains("t1")));
            }
        }
    }

    @Test
    void aFailingControllerDoesNotStopTheOthers() {
        try (Store store = Store.open(dir)) {
            Table<Row> rows = store.table("test.row", Row.class, Row::id);
            Controller broken = new Controller() {
                @Override
                public String name() {
                    return "broken";
                }

                @Override
                public List<Table<?>> watches() {
                    return List.of(rows);
                }

                @Override
                public void reconcile(Changes changes) {
                    throw new IllegalStateException("a bug in one controller");
                }
            };
            Recorder recorder = new Recorder("recorder", rows);
            try (ReconcileEngine engine = new ReconcileEngine(store, List.of(broken, recorder), NO_TICK)) {
                engine.start();
                store.write(tx -> {
                    tx.put(rows, new Row("a", "1"));
                    return null;
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> recorder.passes().stream()
                        .anyMatch(c -> c.ids(rows).contains("a")));
            }
        }
    }
}
