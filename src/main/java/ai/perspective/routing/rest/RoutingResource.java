package ai.perspective.routing.rest;

import ai.perspective.catalog.ModelId;
import ai.perspective.routing.Router;
import ai.perspective.routing.RoutingAdmin;
import ai.perspective.shared.HubException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** Admins: what is routed, how routing went ({@code GET /api/routing}) and the general model. */
@Path("/routing")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoutingResource {

    @Inject
    RoutingAdmin admin;

    /** {@code threshold} is null while too few example prompts are held out to calibrate it (nothing falls back). */
    public record CalibrationJson(Double threshold, double fallbackBudget, int heldOut, Double heldOutAccuracy) {
    }

    public record FiguresJson(long decisions, long generalFallbacks, long failovers, long unanswered, long rated,
            long helpful, Double helpfulShare, Instant since) {
    }

    public record RoutingJson(String state, List<String> models, String generalModel, String generalModelSetting,
            CalibrationJson calibration, Instant configuredAt, FiguresJson figures) {
    }

    public record GeneralModelRequest(String generalModel) {
    }

    @GET
    @RolesAllowed("ADMIN")
    public RoutingJson overview() {
        RoutingAdmin.Overview o = admin.overview();
        RoutingAdmin.Figures f = o.figures();
        Router.Routed r = o.routed().orElse(null);
        return new RoutingJson(o.state(), r == null ? List.of() : r.models().stream().map(ModelId::toString).toList(),
                r == null ? null : r.generalModel().toString(),
                admin.generalModelSetting().map(ModelId::toString).orElse(null),
                r == null ? null : new CalibrationJson(finite(r.calibration().threshold()), r.calibration().fallbackBudget(),
                        r.calibration().heldOut(), finite(r.calibration().heldOutAccuracy())),
                r == null ? null : r.configuredAt(),
                new FiguresJson(f.decisions(), f.generalFallbacks(), f.failovers(), f.unanswered(), f.rated(), f.helpful(),
                        finite(f.helpfulShare()), f.since()));
    }

    @PUT
    @Path("/general-model")
    @RolesAllowed("ADMIN")
    public RoutingJson setGeneralModel(GeneralModelRequest request) {
        if (request == null || request.generalModel() == null || request.generalModel().isBlank()) {
            throw HubException.invalid("generalModel", "missing-field", "Send {\"generalModel\": \"creator/name\"}.");
        }
        admin.setGeneralModel(ModelId.parse(request.generalModel().strip()));
        return overview();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
