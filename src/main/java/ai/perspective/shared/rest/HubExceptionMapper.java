package ai.perspective.shared.rest;

import ai.perspective.shared.HubException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Expected failures of the hub's use cases become problem+json with their own status. */
@Provider
public class HubExceptionMapper implements ExceptionMapper<HubException> {

    @Override
    public Response toResponse(HubException e) {
        return Problems.response(e);
    }
}
