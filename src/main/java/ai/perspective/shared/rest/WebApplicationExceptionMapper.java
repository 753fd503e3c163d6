package ai.perspective.shared.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own errors (unknown path, wrong method or media type, unreadable body) as problem+json. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 400 -> Problems.response(400, "malformed-request",
                    "The request body could not be read: send valid JSON matching the documented fields.");
            case 404 -> Problems.response(404, "not-found", "There is no such resource.");
            case 405 -> Problems.response(405, "method-not-allowed", "This resource does not accept that method.");
            case 406 -> Problems.response(406, "not-acceptable", "This resource answers in application/json.");
            case 415 -> Problems.response(415, "unsupported-media-type", "Send the request body as application/json.");
            default -> status >= 500
                    ? Problems.response(500, "internal-error", "The hub failed to handle this request.")
                    : Problems.response(status, "http-" + status, e.getMessage());
        };
    }
}
