package dev.mooring.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lock-free readers see every commit whole, never half of one (issue 6, torn reads). */
class TornReadTest {
    record Account(String id, int balance) {}

    private static final int ACCOUNTS = 64;
    private static final int TOTAL = ACCOUNTS * 100;
    private static final int WRITES = 2_000;
    private static final Duration LIMIT = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    /** Each write moves one unit from every even account to the next odd one: the sum never changes. */
    private static void transfer(Store store, Table<Account> accounts) {
        store.write(tx -> {
            for (int i = 0; i < ACCOUNTS; i += 2) {
                Account from = tx.get(accounts, id(i)).orElseThrow();
                Account to = tx.get(accounts, id(i + 1)).orElseThrow();
                tx.put(accounts, new Account(from.id(), from.balance() - 1));
                tx.put(accounts, new Account(to.id(), to.balance() + 1));
            }
            return null;
        });
    }

    private static String id(int i) {
        return "acct-%03d".formatted(i);
    }

    @Test
    void aReaderNeverSeesHalfOfAnAtomicWrite() throws Exception {
        try (Store store = Store.open(dir); ExecutorService readers = Executors.newFixedThreadPool(2)) {
            Table<Account> accounts = store.table("account", Account.class, Account::id);
            store.write(tx -> {
                for (int i = 0; i < ACCOUNTS; i++) {
                    tx.put(accounts, new Account(id(i), TOTAL / ACCOUNTS));
                }
                return null;
            });
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<List<Integer>>> seen = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                seen.add(readers.submit(() -> {
                    List<Integer> torn = new ArrayList<>();
                    Instant deadline = Instant.now().plus(LIMIT);
                    while (writing.get() && Instant.now().isBefore(deadline) && torn.size() < 10) {
                        int sum = accounts.stream().mapToInt(Account::balance).sum();
                        if (sum != TOTAL) {
                            torn.add(sum);
                        }
                    }
                    return torn;
                }));
            }
            Instant deadline = Instant.now().plus(LIMIT);
            for (int w = 0; w < WRITES && Instant.now().isBefore(deadline); w++) {
                transfer(store, accounts);
            }
            writing.set(false);
            for (Future<List<Integer>> f : seen) {
                assertThat(f.get()).as("sums of all balances seen by a reader mid-write").isEmpty();
            }
            assertThat(accounts.stream().mapToInt(Account::balance).sum()).isEqualTo(TOTAL);
        }
    }

    record Counter(String id, long value) {}

    @Test
    void readsThroughOneSnapshotAgreeAcrossTables() throws Exception {
        try (Store store = Store.open(dir); ExecutorService reader = Executors.newSingleThreadExecutor()) {
            Table<Counter> left = store.table("left", Counter.class, Counter::id);
            Table<Counter> right = store.table("right", Counter.class, Counter::id);
            AtomicBoolean writing = new AtomicBoolean(true);
            Future<List<String>> seen = reader.submit(() -> {
                List<String> disagreements = new ArrayList<>();
                Instant deadline = Instant.now().plus(LIMIT);
                while (writing.get() && Instant.now().isBefore(deadline) && disagreements.size() < 10) {
                    Snapshot s = store.snapshot();
                    long l = s.get(left, "c").map(Counter::value).orElse(0L);
                    long r = s.get(right, "c").map(Counter::value).orElse(0L);
                    if (l != r) {
                        disagreements.add(l + " vs " + r + " at generation " + s.generation());
                    }
                }
                return disagreements;
            });
            Instant deadline = Instant.now().plus(LIMIT);
            for (long w = 1; w <= WRITES && Instant.now().isBefore(deadline); w++) {
                long value = w;
                store.write(tx -> {
                    tx.put(left, new Counter("c", value));
                    tx.put(right, new Counter("c", value));
                    return null;
                });
            }
            writing.set(false);
            assertThat(seen.get()).isEmpty();
            assertThat(store.snapshot().get(left, "c")).isEqualTo(store.snapshot().get(right, "c"));
        }
    }
}
