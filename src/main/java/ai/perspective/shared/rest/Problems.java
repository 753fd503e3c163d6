package ai.perspective.shared.rest;

import ai.perspective.shared.HubException;
import ai.perspective.shared.Problem;
import jakarta.ws.rs.core.Response;

/** Builds problem+json responses; the one place that knows how a problem goes on the wire. */
public final class Problems {

    private Problems() {
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.toJson())
                .build();
    }

    public static Response response(HubException e) {
        return response(Problem.of(e));
    }

    public static Response response(int status, String type, String detail) {
        return response(Problem.of(status, type, detail));
    }
}
