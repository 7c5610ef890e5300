package dev.mooring.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mooring.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.pcollections.TreePMap;

/**
 * The state directory's database. One writer at a time (a fair lock), each write one SQLite transaction that is
 * committed before the in-memory tables change, so a failed write leaves nothing behind and readers never see a
 * change that is not durable. The in-memory tables are one immutable {@link Snapshot} per commit, swapped in with a
 * single volatile write: a reader sees a commit whole or not at all, never half of it.
 */
public final class Store implements AutoCloseable {
    /** Bump with a new entry in {@link #MIGRATIONS}; a database with a higher version is refused, never downgraded. */
    public static final int SCHEMA_VERSION = 1;

    private static final List<String> MIGRATIONS = List.of(
            // version 1: every resource is a JSON document keyed by kind and id
            "CREATE TABLE documents (kind TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,"
                    + " PRIMARY KEY (kind, id)) WITHOUT ROWID");

    public static final String FILE_NAME = "mooring.db";

    private final Path file;
    private final Connection connection;
    private final ObjectMapper json = Json.store();
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Map<String, Table<?>> tables = new ConcurrentHashMap<>();
    /** The latest commit; replaced, never changed, and only under {@link #lock}. */
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private Store(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating or migrating) the store in {@code stateDir}, or explains why it cannot. */
    public static Store open(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new StoreException("cannot create state directory " + stateDir + ": " + e.getMessage(), e);
        }
        Path file = stateDir.resolve(FILE_NAME);
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        Store store = new Store(file, connection);
        try {
            store.prepare();
        } catch (SQLException e) {
            store.closeQuietly();
            throw new StoreException(file + " is not a usable Mooring state database (" + e.getMessage()
                    + "). Move it aside or choose another --state-dir; Mooring will not overwrite it.", e);
        } catch (StoreException e) {
            store.closeQuietly();
            throw e;
        }
        return store;
    }

    private void prepare() throws SQLException {
        try (Statement st = connection.createStatement()) {
            // quick_check reads every page: a truncated or scribbled file fails here rather than later mid-request
            try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new SQLException("integrity check failed: " + verdict);
                }
            }
            st.execute("PRAGMA journal_mode=WAL");
            // NORMAL in WAL mode: a commit is in the OS before we answer, so it survives kill -9 of this process
            st.execute("PRAGMA synchronous=NORMAL");
            st.execute("PRAGMA busy_timeout=5000");
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.getInt(1);
            }
            if (version > SCHEMA_VERSION) {
                throw new StoreException(file + " was written by a newer Mooring (schema version " + version
                        + "; this build knows up to " + SCHEMA_VERSION + "). Upgrade Mooring or use another --state-dir.");
            }
            if (version == 0 && hasForeignTables(st)) {
                throw new StoreException(file + " holds tables that are not Mooring's. Choose another --state-dir.");
            }
            connection.setAutoCommit(false);
            for (int v = version; v < SCHEMA_VERSION; v++) {
                st.execute(MIGRATIONS.get(v));
                st.execute("PRAGMA user_version=" + (v + 1));
            }
            connection.commit();
        }
    }

    private static boolean hasForeignTables(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE type='table'")) {
            return rs.getInt(1) > 0;
        }
    }

    public Path file() {
        return file;
    }

    /** Declares a kind of document and loads its rows. Declare every table before the first write. */
    public <T> Table<T> table(String kind, Class<T> type, Function<T, String> keyOf) {
        lock.lock();
        try {
            if (tables.containsKey(kind)) {
                throw new IllegalStateException("table " + kind + " declared twice");
            }
            Table<T> table = new Table<>(this, tables.size(), kind, type, keyOf);
            Map<String, T> rows = load(kind, type);
            tables.put(kind, table);
            snapshot = snapshot.withTable(table, TreePMap.from(rows));
            return table;
        } finally {
            lock.unlock();
        }
    }

    private <T> Map<String, T> load(String kind, Class<T> type) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, body FROM documents WHERE kind = ?")) {
            ps.setString(1, kind);
            Map<String, T> rows = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), json.readValue(rs.getString(2), type));
                }
            }
            connection.commit();
            return rows;
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read " + kind + " documents from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Work that runs inside one write and may throw to abandon it. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Tx tx);
    }

    /**
     * Runs {@code work} as the only writer, then commits what it put and deleted. If {@code work} throws, nothing is
     * written and the exception propagates unchanged.
     */
    public <R> R write(Work<R> work) {
        R result;
        boolean changed;
        lock.lock();
        try {
            Tx tx = new Tx(snapshot);
            result = work.run(tx);
            changed = !tx.isEmpty();
            if (changed) {
                commit(tx);
            }
        } finally {
            lock.unlock();
        }
        if (changed) {
            listeners.forEach(Runnable::run);
        }
        return result;
    }

    private void commit(Tx tx) {
        try (PreparedStatement upsert = connection.prepareStatement(
                     "INSERT INTO documents (kind, id, body) VALUES (?, ?, ?)"
                             + " ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM documents WHERE kind = ? AND id = ?")) {
            for (var e : tx.pending.entrySet()) {
                Tx.Key key = e.getKey();
                if (e.getValue() == null) {
                    delete.setString(1, key.table().kind);
                    delete.setString(2, key.id());
                    delete.addBatch();
                } else {
                    upsert.setString(1, key.table().kind);
                    upsert.setString(2, key.id());
                    upsert.setString(3, json.writeValueAsString(e.getValue()));
                    upsert.addBatch();
                }
            }
            upsert.executeBatch();
            delete.executeBatch();
            connection.commit();
        } catch (SQLException | JsonProcessingException e) {
            rollbackQuietly();
            throw new StoreException("write to " + file + " failed: " + e.getMessage(), e);
        }
        snapshot = snapshot.apply(tx.pending.entrySet());
    }

    /** Wipes every document (the admin reset for test suites). */
    public void reset() {
        lock.lock();
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("DELETE FROM documents");
            connection.commit();
            snapshot = snapshot.cleared();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("reset of " + file + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        listeners.forEach(Runnable::run);
    }

    /** Increases with every committed write; reconcile loops compare it to know whether anything changed. */
    public long generation() {
        return snapshot.generation();
    }

    /** Every table as the latest commit left it, for readers whose several reads must agree. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Called after every committed write, on the writer's thread: keep it to a signal. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
