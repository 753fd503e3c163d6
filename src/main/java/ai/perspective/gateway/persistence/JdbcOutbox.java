package ai.perspective.gateway.persistence;

import ai.perspective.gateway.ModelUsed;
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
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the gateway's outbox and marks what was relayed. */
@ApplicationScoped
public class JdbcOutbox {

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;

    public record PendingEvent(UUID id, ModelUsed event) {
    }

    /** Known after the first use; a race only means it is looked up twice. */
    private volatile Boolean postgres;

    /** Undelivered events written before {@code before}, oldest first. */
    public List<PendingEvent> pending(Instant before, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select id, payload from gateway_outbox"
                        + " where published_at is null and created_at < ? order by created_at limit ?")) {
            select.setTimestamp(1, Timestamp.from(before));
            select.setInt(2, limit);
            List<PendingEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new PendingEvent(rows.getObject(1, UUID.class), ModelUsedJson.read(rows.getString(2))));
                }
            }
            return events;
        }
    }

    public void markPublished(List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            Timestamp now = Timestamp.from(Instant.now());
            if (postgres == null) {
                postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            }
            if (postgres) {
                // one statement for the batch, the ids as an array
                try (PreparedStatement update = connection.prepareStatement(
                        "update gateway_outbox set published_at = ? where id = any(cast(? as uuid[]))")) {
                    update.setTimestamp(1, now);
                    update.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
                    update.executeUpdate();
                }
                return;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update gateway_outbox set published_at = ? where id = ?")) {
                connection.setAutoCommit(false);
                for (UUID id : ids) {
                    update.setTimestamp(1, now);
                    update.setObject(2, id);
                    update.addBatch();
                }
                update.executeBatch();
                connection.commit();
            }
        }
    }
}
