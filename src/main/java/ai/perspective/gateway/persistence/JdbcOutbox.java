package ai.perspective.gateway.persistence;

import ai.perspective.shared.persistence.Sql;
import ai.perspective.gateway.ModelUsed;
import ai.perspective.identity.AccountId;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The gateway's outbox: a row marks a call whose {@link ModelUsed} is not delivered yet; the event
 * itself is read from the call's usage row. Delivered events are deleted.
 */
@ApplicationScoped
public class JdbcOutbox {

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;

    public record PendingEvent(UUID id, ModelUsed event) {
    }

    /** Known after the first use; a race only means it is looked up twice. */
    private volatile Boolean postgres;

    /** Undelivered events written before {@code before}, oldest first, read from their calls' usage rows. */
    public List<PendingEvent> pending(Instant before, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select u.id, u.account_id, u.api_key_id, u.model,"
                        + " u.creator_id, u.prompt_tokens, u.completion_tokens, u.tokens_counted, u.cost, u.latency_ms,"
                        + " u.outcome, u.created_at from gateway_outbox o join gateway_usage u on u.id = o.id"
                        + " where o.created_at < ? order by o.created_at limit ?")) {
            select.setTimestamp(1, Timestamp.from(before));
            select.setInt(2, limit);
            List<PendingEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    events.add(new PendingEvent(id, new ModelUsed(id, new AccountId(rows.getObject(2, UUID.class)),
                            rows.getObject(3, UUID.class), rows.getString(4), new AccountId(rows.getObject(5, UUID.class)),
                            rows.getInt(6), rows.getInt(7), rows.getBoolean(8), rows.getBigDecimal(9).toBigIntegerExact(),
                            rows.getInt(10), ModelUsed.Outcome.valueOf(rows.getString(11)),
                            rows.getTimestamp(12).toInstant())));
                }
            }
            return events;
        }
    }

    /** Removes delivered events from the outbox. */
    public void delivered(List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (postgres == null) {
                postgres = Sql.isPostgres(connection);
            }
            if (postgres) {
                // one statement for the batch, the ids as an array; planned for them each time: a generic plan
                // made while the outbox was small scans the whole table, dead rows and all, on every delete
                connection.setAutoCommit(false);
                try (PreparedStatement delete = connection.prepareStatement(
                        "delete from gateway_outbox o using unnest(cast(? as uuid[])) as d(id) where o.id = d.id")) {
                    Sql.planForTheseParameters(connection);
                    delete.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                    delete.executeUpdate();
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
                return;
            }
            try (PreparedStatement delete = connection.prepareStatement("delete from gateway_outbox where id = ?")) {
                connection.setAutoCommit(false);
                for (UUID id : ids) {
                    delete.setObject(1, id);
                    delete.addBatch();
                }
                delete.executeBatch();
                connection.commit();
            }
        }
    }
}
