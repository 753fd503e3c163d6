package ai.perspective.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct reads and fixture writes on the ITs' PostgreSQL database, for what the API does not show. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static long count(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes an account an administrator without the UI: the fixture for admin-only tests. */
    public static void makeAdmin(String email) {
        grantRole(email, "ADMIN");
    }

    /** Grants a role without going through an administrator (before the account logs in). */
    public static void grantRole(String email, String role) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "insert into identity_account_role (account_id, role) "
                        + "select id, ? from identity_account where email = ? on conflict do nothing")) {
            statement.setString(1, role);
            statement.setString(2, email);
            // zero rows when the account has the role already (the first account of a run is ADMIN)
            if (statement.executeUpdate() == 0
                    && count("select count(*) from identity_account where email = ?", email) == 0) {
                throw new IllegalStateException("No account " + email + " to grant " + role);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"),
                System.getProperty("it.db.password"));
    }
}
