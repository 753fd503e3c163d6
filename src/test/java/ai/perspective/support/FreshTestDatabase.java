package ai.perspective.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Drops and re-creates the integration tests' PostgreSQL database before any test of the run, so
 * each run starts from an empty hub and Flyway migrates from scratch. Acts only where the build
 * names that database ({@code it.db.admin-url}: the failsafe execution against PostgreSQL).
 */
public class FreshTestDatabase implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String adminUrl = System.getProperty("it.db.admin-url");
        if (adminUrl == null) {
            return;
        }
        String name = System.getProperty("it.db.name");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe test database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(adminUrl, System.getProperty("it.db.user"),
                System.getProperty("it.db.password"));
                Statement sql = connection.createStatement()) {
            sql.execute("drop database if exists " + name + " with (force)");
            sql.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database " + name + " at " + adminUrl
                    + ": is PostgreSQL running? (.ci/run starts it)", e);
        }
    }
}
