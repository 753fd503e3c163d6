package ai.perspective.gateway.persistence;

import ai.perspective.shared.persistence.Sql;
import ai.perspective.gateway.ModelUsed;
import ai.perspective.gateway.domain.StoredReply;
import ai.perspective.gateway.domain.Usage;
import ai.perspective.gateway.domain.UsageJournal;
import ai.perspective.identity.AccountId;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The usage journal on plain JDBC with group commit: one writer thread takes every record queued
 * meanwhile (up to {@value #MAX_BATCH}) and commits them, their outbox events and their stored
 * replies in one transaction. Each call waits only for the commit that includes it, so durability
 * costs one commit per batch rather than per call.
 */
@ApplicationScoped
public class JdbcUsageJournal implements UsageJournal {

    private static final Logger LOG = Logger.getLogger(JdbcUsageJournal.class.getName());
    private static final int MAX_BATCH = 512;
    /** A claim older than this belongs to a request that died with its server. */
    private static final Duration STALE_CLAIM = Duration.ofMinutes(10);

    private record Pending(Usage usage, StoredReply reply, CompletableFuture<Void> done) {
    }

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;
    @Resource
    ManagedThreadFactory threads;
    @Inject
    Event<OutboxWritten> outboxWritten;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Known after the first commit; only the writer thread reads and writes it. */
    private Boolean postgres;
    private volatile Thread writer;
    private volatile boolean stopping;

    /**
     * Fired after a batch is committed, with the outbox events it wrote: the relay delivers them from
     * memory at once, and reads the outbox table only for what is left over (a crash, a failed delivery).
     */
    public record OutboxWritten(List<JdbcOutbox.PendingEvent> events) {
    }

    @Override
    public CompletionStage<Void> record(Usage usage, StoredReply reply) {
        startWriter();
        Pending pending = new Pending(usage, reply, new CompletableFuture<>());
        queue.add(pending);
        return pending.done();
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    Thread thread = threads.newThread(this::writeLoop);
                    thread.setName("gateway-usage-journal");
                    thread.setDaemon(true);
                    thread.start();
                    writer = thread;
                }
            }
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!stopping) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                commitWithOneRetry(batch);
                batch.forEach(p -> p.done().complete(null));
                outboxWritten.fire(new OutboxWritten(batch.stream()
                        .map(p -> new JdbcOutbox.PendingEvent(p.usage().requestId(), p.usage().event())).toList()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.SEVERE, "Could not record " + batch.size() + " usage records", e);
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void commitWithOneRetry(List<Pending> batch) throws SQLException {
        try {
            commit(batch);
        } catch (SQLException first) {
            LOG.log(Level.WARNING, "Usage batch failed, retrying once", first);
            commit(batch);
        }
    }

    private void commit(List<Pending> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (postgres == null) {
                postgres = Sql.isPostgres(connection);
            }
            if (postgres && !storesReplies(batch)) {
                // one statement is a transaction of its own: the usage rows and their outbox marks commit
                // together, in one round trip to the server instead of two (the statement, then COMMIT)
                connection.setAutoCommit(true);
                insertAsArrays(connection, batch);
                return;
            }
            connection.setAutoCommit(false);
            try {
                if (postgres) {
                    insertAsArrays(connection, batch);
                } else {
                    insertAsBatch(connection, batch);
                }
                storeReplies(connection, batch);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * PostgreSQL: the usage rows and their outbox marks in one statement, the values passed as
     * arrays: one round trip and one plan per batch, whatever its size (a JDBC batch would still be
     * one statement per row for the server). The outbox row carries no copy of the event: the
     * relay reads it from the usage row.
     */
    private static void insertAsArrays(Connection connection, List<Pending> batch) throws SQLException {
        int n = batch.size();
        Object[] id = new Object[n], account = new Object[n], apiKey = new Object[n], model = new Object[n],
                creator = new Object[n], prompt = new Object[n], completion = new Object[n], counted = new Object[n],
                cost = new Object[n], latency = new Object[n], outcome = new Object[n], status = new Object[n],
                streamed = new Object[n], idempotencyKey = new Object[n], at = new Object[n];
        for (int i = 0; i < n; i++) {
            Usage u = batch.get(i).usage();
            id[i] = u.requestId();
            account[i] = u.account().value();
            apiKey[i] = u.apiKey();
            model[i] = u.model();
            creator[i] = u.creator().value();
            prompt[i] = u.promptTokens();
            completion[i] = u.completionTokens();
            counted[i] = u.tokensCounted();
            cost[i] = new java.math.BigDecimal(u.cost());
            latency[i] = (int) Math.min(Integer.MAX_VALUE, u.latencyMillis());
            outcome[i] = u.outcome().name();
            status[i] = u.httpStatus();
            streamed[i] = u.streamed();
            idempotencyKey[i] = u.idempotencyKey();
            at[i] = u.at().toString();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ALL)) {
            int p = 1;
            insert.setArray(p++, connection.createArrayOf("uuid", id));
            insert.setArray(p++, connection.createArrayOf("uuid", account));
            insert.setArray(p++, connection.createArrayOf("uuid", apiKey));
            insert.setArray(p++, connection.createArrayOf("varchar", model));
            insert.setArray(p++, connection.createArrayOf("uuid", creator));
            insert.setArray(p++, connection.createArrayOf("int4", prompt));
            insert.setArray(p++, connection.createArrayOf("int4", completion));
            insert.setArray(p++, connection.createArrayOf("bool", counted));
            insert.setArray(p++, connection.createArrayOf("numeric", cost));
            insert.setArray(p++, connection.createArrayOf("int4", latency));
            insert.setArray(p++, connection.createArrayOf("varchar", outcome));
            insert.setArray(p++, connection.createArrayOf("int4", status));
            insert.setArray(p++, connection.createArrayOf("bool", streamed));
            insert.setArray(p++, connection.createArrayOf("varchar", idempotencyKey));
            insert.setArray(p++, connection.createArrayOf("varchar", at));
            insert.setString(p, ModelUsed.class.getSimpleName());
            insert.executeUpdate();
        }
    }

    private static final String INSERT_ALL = "with usage as (insert into gateway_usage (id, account_id, api_key_id, model,"
            + " creator_id, prompt_tokens, completion_tokens, tokens_counted, cost, latency_ms, outcome, http_status, streamed,"
            + " idempotency_key, created_at) select * from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as uuid[]),"
            + " cast(? as varchar[]), cast(? as uuid[]), cast(? as int[]), cast(? as int[]), cast(? as boolean[]),"
            + " cast(? as numeric[]), cast(? as int[]), cast(? as varchar[]), cast(? as int[]), cast(? as boolean[]),"
            + " cast(? as varchar[]), cast(? as timestamptz[])) returning id, created_at)"
            + " insert into gateway_outbox (id, event_type, created_at) select id, ?, created_at from usage";

    /** Other databases (the embedded H2): a JDBC batch per table. */
    private static void insertAsBatch(Connection connection, List<Pending> batch) throws SQLException {
        try (PreparedStatement usage = connection.prepareStatement(
                "insert into gateway_usage (id, account_id, api_key_id, model, creator_id, prompt_tokens,"
                        + " completion_tokens, tokens_counted, cost, latency_ms, outcome, http_status, streamed,"
                        + " idempotency_key, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement outbox = connection.prepareStatement(
                        "insert into gateway_outbox (id, event_type, created_at) values (?, ?, ?)")) {
            for (Pending p : batch) {
                Usage u = p.usage();
                usage.setObject(1, u.requestId());
                usage.setObject(2, u.account().value());
                usage.setObject(3, u.apiKey());
                usage.setString(4, u.model());
                usage.setObject(5, u.creator().value());
                usage.setInt(6, u.promptTokens());
                usage.setInt(7, u.completionTokens());
                usage.setBoolean(8, u.tokensCounted());
                usage.setBigDecimal(9, new java.math.BigDecimal(u.cost()));
                usage.setInt(10, (int) Math.min(Integer.MAX_VALUE, u.latencyMillis()));
                usage.setString(11, u.outcome().name());
                usage.setInt(12, u.httpStatus());
                usage.setBoolean(13, u.streamed());
                usage.setString(14, u.idempotencyKey());
                usage.setTimestamp(15, Timestamp.from(u.at()));
                usage.addBatch();

                outbox.setObject(1, u.requestId());
                outbox.setString(2, ModelUsed.class.getSimpleName());
                outbox.setTimestamp(3, Timestamp.from(u.at()));
                outbox.addBatch();
            }
            usage.executeBatch();
            outbox.executeBatch();
        }
    }

    /** Whether a call of the batch carried an Idempotency-Key, so its reply is stored for retries. */
    private static boolean storesReplies(List<Pending> batch) {
        return batch.stream().anyMatch(p -> p.usage().idempotencyKey() != null);
    }

    /** The replies of calls that carried an Idempotency-Key, for their retries. */
    private static void storeReplies(Connection connection, List<Pending> batch) throws SQLException {
        if (!storesReplies(batch)) {
            return;
        }
        try (PreparedStatement reply = connection.prepareStatement(
                "update gateway_idempotency set state = 'DONE', http_status = ?, content_type = ?, body = ?"
                        + " where account_id = ? and idempotency_key = ? and request_id = ?")) {
            for (Pending p : batch) {
                Usage u = p.usage();
                if (u.idempotencyKey() == null) {
                    continue;
                }
                StoredReply r = p.reply();
                if (r == null) {
                    reply.setNull(1, Types.INTEGER);
                    reply.setNull(2, Types.VARCHAR);
                    reply.setNull(3, Types.VARCHAR);
                } else {
                    reply.setInt(1, r.status());
                    reply.setString(2, r.contentType());
                    reply.setString(3, r.body());
                }
                reply.setObject(4, u.account().value());
                reply.setString(5, u.idempotencyKey());
                reply.setObject(6, u.requestId());
                reply.addBatch();
            }
            reply.executeBatch();
        }
    }

    @Override
    public Claim claim(AccountId account, String idempotencyKey, UUID requestId) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into gateway_idempotency (account_id, idempotency_key, request_id, state, created_at)"
                            + " values (?, ?, ?, 'IN_PROGRESS', ?) on conflict do nothing")) {
                insert.setObject(1, account.value());
                insert.setString(2, idempotencyKey);
                insert.setObject(3, requestId);
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                if (insert.executeUpdate() == 1) {
                    return new Claimed();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "select state, http_status, content_type, body, created_at from gateway_idempotency"
                            + " where account_id = ? and idempotency_key = ?")) {
                select.setObject(1, account.value());
                select.setString(2, idempotencyKey);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return claim(account, idempotencyKey, requestId);
                    }
                    if ("DONE".equals(row.getString(1)) && row.getString(4) != null) {
                        return new Replay(new StoredReply(row.getInt(2), row.getString(3), row.getString(4)));
                    }
                    Instant since = row.getTimestamp(5).toInstant();
                    if (since.plus(STALE_CLAIM).isBefore(Instant.now()) && takeOver(connection, account, idempotencyKey,
                            requestId, since)) {
                        return new Claimed();
                    }
                    return new InProgress();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check the Idempotency-Key", e);
        }
    }

    private static boolean takeOver(Connection connection, AccountId account, String key, UUID requestId, Instant since)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update gateway_idempotency set request_id = ?, created_at = ? where account_id = ?"
                        + " and idempotency_key = ? and state = 'IN_PROGRESS' and created_at = ?")) {
            update.setObject(1, requestId);
            update.setTimestamp(2, Timestamp.from(Instant.now()));
            update.setObject(3, account.value());
            update.setString(4, key);
            update.setTimestamp(5, Timestamp.from(since));
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public void release(AccountId account, String idempotencyKey) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from gateway_idempotency where account_id = ? and idempotency_key = ? and state = 'IN_PROGRESS'")) {
            connection.setAutoCommit(true);
            delete.setObject(1, account.value());
            delete.setString(2, idempotencyKey);
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not free Idempotency-Key; it frees itself after " + STALE_CLAIM, e);
        }
    }

    @Override
    public Optional<Usage> byRequestId(UUID requestId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select account_id, api_key_id, model, creator_id, prompt_tokens, completion_tokens, tokens_counted,"
                                + " cost, latency_ms, outcome, http_status, streamed, idempotency_key, created_at"
                                + " from gateway_usage where id = ?")) {
            select.setObject(1, requestId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Usage(requestId, new AccountId(row.getObject(1, UUID.class)),
                        row.getObject(2, UUID.class), row.getString(3), new AccountId(row.getObject(4, UUID.class)),
                        row.getInt(5), row.getInt(6), row.getBoolean(7), row.getBigDecimal(8).toBigIntegerExact(),
                        row.getInt(9), ModelUsed.Outcome.valueOf(row.getString(10)), row.getInt(11), row.getBoolean(12),
                        row.getString(13), row.getTimestamp(14).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
