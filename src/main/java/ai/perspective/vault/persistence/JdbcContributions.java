package ai.perspective.vault.persistence;

import ai.perspective.identity.AccountId;
import ai.perspective.vault.Contribution;
import ai.perspective.vault.domain.Contributions;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Plain JDBC on the hub's JTA datasource (the connection joins the caller's transaction). */
@ApplicationScoped
public class JdbcContributions implements Contributions {

    private static final String COLUMNS = "id, owner_id, kind, reference, content, created_at";

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;

    @Override
    public boolean addIfAbsent(Contribution c) {
        // insert-or-nothing that H2 and PostgreSQL both accept
        String sql = "insert into vault_contribution (" + COLUMNS + ") select ?, ?, ?, ?, ?, ? where not exists "
                + "(select 1 from vault_contribution where owner_id = ? and kind = ? and reference = ?)";
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, c.id());
            statement.setObject(2, c.owner().value());
            statement.setString(3, c.kind());
            statement.setString(4, c.reference());
            statement.setString(5, c.content());
            statement.setTimestamp(6, Timestamp.from(c.createdAt()));
            statement.setObject(7, c.owner().value());
            statement.setString(8, c.kind());
            statement.setString(9, c.reference());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false; // a concurrent insert of the same contribution won
            }
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<Contribution> find(AccountId owner, String kind, String reference) {
        List<Contribution> found = query("select " + COLUMNS + " from vault_contribution where owner_id = ? and kind = ? and reference = ?",
                owner.value(), kind, reference);
        return found.stream().findFirst();
    }

    @Override
    public List<Contribution> ofKind(String kind) {
        return query("select " + COLUMNS + " from vault_contribution where kind = ? order by created_at, id", kind);
    }

    private List<Contribution> query(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<Contribution> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(new Contribution(rows.getObject("id", UUID.class), new AccountId(rows.getObject("owner_id", UUID.class)),
                            rows.getString("kind"), rows.getString("reference"), rows.getString("content"),
                            rows.getTimestamp("created_at").toInstant()));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
