package ai.perspective.chain.rest;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Anchors;
import ai.perspective.chain.Bytes32;
import ai.perspective.shared.HubException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The hub's chain (public) and attestations an administrator anchors (e.g. a data set's manifest root). */
@Path("/chain")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChainResource {

    @Inject
    Anchors anchors;

    public record AttestationRequest(String reference, String root) {
    }

    @GET
    @Path("/status")
    public Anchors.ChainNetwork status() {
        return anchors.network();
    }

    /** Queues an attestation root; idempotent on the reference. Ledger batches and votes are anchored by their modules. */
    @POST
    @Path("/attestations")
    @RolesAllowed("ADMIN")
    public Response attest(AttestationRequest request) {
        if (request == null || request.root() == null) {
            throw HubException.invalid("root", "missing-field", "Send {\"reference\": \"…\", \"root\": \"0x…\"}.");
        }
        Anchors.AnchorStatus status = anchors.anchor(AnchorKind.ATTESTATION, request.reference(),
                Bytes32.parse("root", request.root()));
        return Response.accepted(AnchorJson.of(status, anchors.network()))
                .location(URI.create("verify/anchors/" + AnchorKind.ATTESTATION.slug() + "/" + status.reference()))
                .build();
    }
}
