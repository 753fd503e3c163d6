package ai.perspective.rewards.application;

import ai.perspective.identity.AccountId;
import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.Ledger.Kind;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.persistence.JdbcTransferStore;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * The ledger's writer alone on PostgreSQL, without the server or HTTP: postings per second
 * committed by one client (submit and wait), by 16, and in bulk (500 transfers submitted before
 * waiting), plus charges (a hold, then its settlement with three shares). Run by
 * bench/ledger/run.sh; prints figures, asserts nothing. Arguments: JDBC URL of an empty database, seconds per run.
 */
public final class LedgerWriterBench {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int seconds = Integer.parseInt(args[1]);
        Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
        try (Statement s = connection.createStatement(); var rows = s.executeQuery("select pg_backend_pid()")) {
            rows.next();
            backend = rows.getInt(1);
        }
        try (Statement s = connection.createStatement()) {
            s.execute(Files.readString(Path.of("db/migration/rewards/V500__rewards_create_ledger.sql")));
            s.execute(Files.readString(Path.of("db/migration/postgresql/V501__rewards_index_transfers_for_speed.sql")));
        }
        // the writer is one thread with one transaction at a time: one pooled connection is what it gets in the server
        DataSource single = (DataSource) Proxy.newProxyInstance(LedgerWriterBench.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, a) -> {
                    if (method.getName().equals("getConnection")) {
                        return Proxy.newProxyInstance(LedgerWriterBench.class.getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, ma) -> m.getName().equals("close") ? null : m.invoke(connection, ma));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        LedgerWriter writer = new LedgerWriter(new JdbcTransferStore(single), () -> BigInteger.TEN.pow(30),
                Thread.ofPlatform().daemon()::unstarted);
        LedgerAccount user = LedgerAccount.spendable(AccountId.random());
        writer.apply(List.of(grant(user))); // creates and funds it

        report("single", seconds, 1, () -> writer.apply(List.of(grant(user))).stored().size());
        report("concurrent", seconds, 16, () -> writer.apply(List.of(grant(user))).stored().size());
        report("bulk", seconds, 4, () -> {
            List<CompletableFuture<LedgerWriter.Outcome>> futures = new ArrayList<>(500);
            for (int i = 0; i < 500; i++) {
                futures.add(writer.submit(List.of(grant(user))));
            }
            futures.forEach(LedgerWriter::await);
            return 500;
        });
        LedgerAccount creator = LedgerAccount.earnings(AccountId.random());
        report("charges", seconds, 16, () -> {
            String key = UUID.randomUUID().toString();
            Transfer hold = new Transfer(UUID.randomUUID(), 0, user, LedgerAccount.CLEARING, BigInteger.valueOf(100), Kind.PENDING,
                    Code.CHARGE, null, null, null, key, Instant.now());
            writer.apply(List.of(hold));
            writer.apply(List.of(new Transfer(UUID.randomUUID(), 0, user, LedgerAccount.CLEARING, BigInteger.valueOf(60), Kind.POST,
                    Code.CHARGE, hold.id(), null, "m", key, Instant.now()), share(creator, 48, key), share(LedgerAccount.TREASURY, 3, key),
                    share(creator, 9, key)));
            return 5;
        });
        writer.stop();
        connection.close();
    }

    /** The PostgreSQL process serving the writer's connection, whose CPU time is counted too. */
    static int backend;

    /** CPU nanoseconds used so far by this JVM and by the PostgreSQL backend (utime + stime, 100 Hz ticks). */
    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long pgNanos() throws Exception {
        String[] stat = Files.readString(Path.of("/proc/" + backend + "/stat")).replaceAll("^.*\\) ", "").split(" ");
        long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        return ticks * 10_000_000L;
    }

    interface Work {
        int run() throws Exception;
    }

    private static void report(String name, int seconds, int clients, Work work) throws Exception {
        LongAdder postings = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        long jvmBefore = jvmNanos();
        long pgBefore = pgNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    try {
                        postings.add(work.run());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        Thread.sleep(seconds * 1000L); // a benchmark's run time, not a test wait
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double jvm = (jvmNanos() - jvmBefore) / 1e9;
        double pg = (pgNanos() - pgBefore) / 1e9;
        long n = Math.max(1, postings.sum());
        System.out.printf("in-process %-10s %7d postings/s committed (%2d clients); CPU per posting: JVM %.0f us + PostgreSQL %.0f us"
                + " = %.0f postings per CPU-second%n", name, n / seconds, clients, jvm * 1e6 / n, pg * 1e6 / n, n / (jvm + pg));
    }

    private static Transfer grant(LedgerAccount to) {
        return new Transfer(UUID.randomUUID(), 0, LedgerAccount.TREASURY, to, BigInteger.ONE, Kind.SINGLE, Code.GRANT, null, null,
                null, "bench", Instant.now());
    }

    private static Transfer share(LedgerAccount to, int amount, String key) {
        return new Transfer(UUID.randomUUID(), 0, LedgerAccount.CLEARING, to, BigInteger.valueOf(amount), Kind.SINGLE,
                Code.CREATOR_SHARE, null, null, "m", key, Instant.now());
    }
}
