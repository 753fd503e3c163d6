package ai.perspective.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** A module's own tables for tests that run its persistence code outside the server, made by its Flyway migrations. */
public final class Migrations {

    private Migrations() {
    }

    /** A fresh in-memory H2 database in the hub's PostgreSQL mode; it lives while a connection to it is open. */
    public static JdbcDataSource inMemoryH2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        return dataSource;
    }

    /** Runs migration files (paths from the project root, e.g. {@code db/migration/rewards/V500__....sql}) in order. */
    public static void apply(Connection connection, String... files) throws IOException, SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String file : files) {
                for (String sql : Files.readString(Path.of(file)).replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
        }
    }
}
