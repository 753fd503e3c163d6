package ai.perspective.shared.rest;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Readiness for container orchestration: 200 when the hub can reach its database, 503 when not.
 * Liveness is the HTTP answer itself.
 */
@Path("/health")
@ApplicationScoped
public class HealthResource {

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;

    public record Health(String status, String database) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        boolean database = databaseAnswers();
        Health health = new Health(database ? "UP" : "DOWN", database ? "UP" : "DOWN");
        return Response.status(database ? 200 : 503).entity(health).build();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
