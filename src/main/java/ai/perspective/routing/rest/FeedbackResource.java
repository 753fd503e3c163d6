package ai.perspective.routing.rest;

import ai.perspective.catalog.ModelId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.routing.Ratings;
import ai.perspective.routing.RoutingDecisionId;
import ai.perspective.shared.HubException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/feedback}: a thumbs up or down on an answer of {@code perspective/auto}, by API
 * key or session. 201 for a new rating, 200 when the same rating was given before.
 */
@Path("/feedback")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FeedbackResource {

    @Inject
    Ratings ratings;
    @Inject
    CurrentAccount caller;

    /**
     * @param responseId the response's {@code X-Request-Id} (also in {@code X-Perspective-Decision});
     *     {@code decisionId} is accepted as a synonym
     */
    public record FeedbackRequest(String responseId, String decisionId, String model, Boolean helpful, String reason) {
    }

    public record FeedbackJson(String responseId, String model, boolean helpful, String reason, boolean learned) {
    }

    @POST
    @PermitAll
    public Response rate(FeedbackRequest request) {
        if (request == null) {
            throw HubException.invalid(null, "missing-body", "Send {\"responseId\", \"helpful\": true|false, \"reason\"?, \"model\"?}.");
        }
        String id = request.responseId() != null ? request.responseId() : request.decisionId();
        if (id == null || id.isBlank()) {
            throw HubException.invalid("responseId", "missing-field", "Name the response you rate: its X-Request-Id.");
        }
        RoutingDecisionId response;
        try {
            response = RoutingDecisionId.parse(id.strip());
        } catch (IllegalArgumentException e) {
            throw HubException.notFound("unknown-response", "'" + id + "' is not a response id (a UUID from X-Request-Id).");
        }
        if (request.helpful() == null) {
            throw HubException.invalid("helpful", "missing-field", "Say whether the answer helped: \"helpful\": true or false.");
        }
        ModelId model = request.model() == null || request.model().isBlank() ? null : ModelId.parse(request.model().strip());
        Ratings.Rated rated = ratings.rate(caller.require(), new Ratings.Rating(response, model, request.helpful(), request.reason()));
        FeedbackJson body = new FeedbackJson(rated.response().toString(), rated.model().toString(), rated.helpful(),
                rated.reason(), rated.learned());
        return Response.status(rated.created() ? 201 : 200).entity(body).build();
    }
}
