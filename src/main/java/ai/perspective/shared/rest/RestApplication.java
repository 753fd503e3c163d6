package ai.perspective.shared.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The hub's REST API lives under {@code /api}; errors are RFC 9457 problem+json. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
