package org.outdial.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit ({@link Transactor#inSharedTransaction}): work handed in while a shared
 * transaction runs goes into the next one together; each caller gets its own result or its own
 * failure; a work that throws takes nothing of the others' with it.
 */
class SharedTransactionsTest {

    private Database database;
    private final AtomicInteger transactions = new AtomicInteger();
    private SharedTransactions shared;
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void open() {
        database = Database.open(StorageSettings.h2Memory("shared-" + UUID.randomUUID()));
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        transactions.incrementAndGet();
                    }
                    return method.invoke(database.dataSource(), args);
                });
        shared = new SharedTransactions(counting);
    }

    @AfterEach
    void close() {
        callers.shutdownNow();
        database.close();
    }

    @Test
    void workHandedInWhileATransactionRunsSharesTheNextOneAndEachCallerGetsItsOwnResult() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = callers.submit(() -> shared.run(c -> {
            insert(c, "380500000000");
            await(release);
            return "first";
        }));
        awaitWaiting(0); // the first caller leads and runs alone
        List<Future<String>> later = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            String phone = "38050000000" + i;
            later.add(callers.submit(() -> shared.run(c -> {
                insert(c, phone);
                return phone;
            })));
        }
        awaitWaiting(9);
        release.countDown();

        assertEquals("first", first.get(10, TimeUnit.SECONDS));
        for (int i = 1; i <= 9; i++) {
            assertEquals("38050000000" + i, later.get(i - 1).get(10, TimeUnit.SECONDS));
        }
        assertEquals(2, transactions.get(), "the first alone, then the nine that waited for it together");
        assertEquals(10, count());
    }

    @Test
    void aWorkThatThrowsIsRolledBackAloneAndItsCallerGetsTheException() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Void> first = callers.submit(() -> shared.run(c -> {
            await(release);
            return null;
        }));
        awaitWaiting(0);
        IllegalStateException refused = new IllegalStateException("refused after its insert");
        Future<Void> failing = callers.submit(() -> shared.run(c -> {
            insert(c, "380501111111");
            throw refused;
        }));
        awaitWaiting(1);
        Future<Void> fine = callers.submit(() -> shared.run(c -> insert(c, "380502222222")));
        awaitWaiting(2);
        release.countDown();

        first.get(10, TimeUnit.SECONDS);
        fine.get(10, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
        assertSame(refused, e.getCause());
        assertEquals(2, transactions.get(), "the two after the first shared one transaction");
        assertEquals(List.of("380502222222"), phones(), "only the failed work's insert was rolled back");
    }

    @Test
    void anSqlFailureReachesItsCallerAsAStorageException() {
        StorageException e = assertThrows(StorageException.class, () -> shared.run(c -> {
            insert(c, "380503333333");
            return insert(c, "380503333333"); // the same phone in the same list: unique violation
        }));
        assertTrue(e.isUniqueViolation(), e.getMessage());
        assertEquals(0, count());
    }

    @Test
    void anInterruptedCallerStillCommitsAndKeepsItsInterruptStatus() throws Exception {
        boolean[] interrupted = new boolean[1];
        Thread caller = Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            shared.run(c -> insert(c, "380504444444"));
            interrupted[0] = Thread.currentThread().isInterrupted();
        });
        caller.join(10_000);

        assertTrue(interrupted[0]);
        assertEquals(1, count());
    }

    private void awaitWaiting(int callers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (shared.waiting() != callers || (callers == 0 && transactions.get() == 0)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + callers + " waiting callers, saw " + shared.waiting());
            }
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static Void insert(Connection c, String phone) throws SQLException {
        Sql.update(c, "INSERT INTO blocked_phone (list_name, phone, created_at) VALUES ('BLOCKED_PHONES', ?, "
                + "CURRENT_TIMESTAMP)", phone);
        return null;
    }

    private long count() {
        return new Transactor(database.dataSource()).read(c -> Sql.count(c, "SELECT COUNT(*) FROM blocked_phone"));
    }

    private List<String> phones() {
        return new Transactor(database.dataSource()).read(c -> Sql.list(c,
                "SELECT phone FROM blocked_phone ORDER BY phone", rs -> rs.getString(1)));
    }
}
