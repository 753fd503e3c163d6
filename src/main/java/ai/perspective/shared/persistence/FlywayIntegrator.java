package ai.perspective.shared.persistence;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Migrates the database with Flyway while Hibernate boots, before Hibernate validates the
 * schema against the entities. The server starts the persistence unit before any CDI or servlet
 * start-up hook runs, so this is the one place where "migrate, then validate" holds on a fresh
 * database.
 *
 * <p>Migrations live in {@code db/migration/<module>} (common SQL for H2 and PostgreSQL) and
 * {@code db/migration/<vendor>} (SQL only one database accepts). Each module numbers its
 * migrations in its own block (identity 1-99, catalog 100-199, gateway 200-299, routing 300-399,
 * vault 400-499, rewards 500-599, governance 600-699, nodes 700-799, chain 800-899, vendor
 * folders 900+), so modules evolve independently: a new migration of one module may sort below
 * another module's applied ones, hence {@code outOfOrder}.
 */
public class FlywayIntegrator implements Integrator {

    static final List<String> MODULES = List.of(
            "identity", "catalog", "gateway", "routing", "vault", "rewards", "governance", "nodes", "chain");

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        DataSource dataSource = sessionFactory.getServiceRegistry()
                .requireService(ConnectionProvider.class)
                .unwrap(DataSource.class);
        migrate(dataSource);
    }

    public static void migrate(DataSource dataSource) {
        List<String> locations = new ArrayList<>();
        MODULES.forEach(module -> locations.add("classpath:db/migration/" + module));
        locations.add("classpath:db/migration/{vendor}");
        Flyway.configure(FlywayIntegrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(false)
                .outOfOrder(true)
                .load()
                .migrate();
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to release
    }
}
