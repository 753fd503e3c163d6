package ai.perspective.shared.rest;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything unexpected: logged with an incident id; the client gets that id and no stack trace.
 * A body the JSON binding cannot read surfaces here as a {@link ProcessingException}: that is the
 * client's fault, a 400.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (isUnreadableBody(e)) {
            return Problems.response(400, "malformed-request",
                    "The request body could not be read: send valid JSON matching the documented fields.");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, e);
        return Problems.response(500, "internal-error",
                "The hub failed to handle this request (incident " + incident + ").");
    }

    private static boolean isUnreadableBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProcessingException || t instanceof jakarta.json.bind.JsonbException
                    || t instanceof jakarta.json.JsonException) {
                return true;
            }
        }
        return false;
    }
}
