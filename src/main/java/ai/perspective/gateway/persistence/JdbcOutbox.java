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
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the gateway's outbox and marks what was relayed. */
@ApplicationScoped
public class JdbcOutbox {

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;

    public record PendingEvent(UUID id, ModelUsed event) {
    }

    public List<PendingEvent> pending(int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select id, payload from gateway_outbox where published_at is null order by created_at limit ?")) {
            select.setInt(1, limit);
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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update gateway_outbox set published_at = ? where id = ?")) {
            connection.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
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
