package ai.perspective.rewards.rest;

import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.application.TransferVerifications;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** {@code GET /api/verify/transfers/{id}}: public, for anyone holding a transfer id. */
@Path("/verify/transfers")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TransferVerificationResource {

    @Inject
    TransferVerifications verifications;

    public record VerificationJson(String status, String detail, LedgerJson.TransferJson transfer, Ledger.Proof proof,
            TransferVerifications.Anchor anchor, Boolean contractSaysValid) {
    }

    @GET
    @Path("/{id}")
    public VerificationJson verify(@PathParam("id") String id) {
        UUID transferId;
        try {
            transferId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw HubException.notFound("transfer-not-found", "There is no transfer " + id + ".");
        }
        TransferVerifications.Result r = verifications.verify(transferId);
        return new VerificationJson(r.status().name(), r.detail(), LedgerJson.TransferJson.of(r.transfer()), r.proof(),
                r.anchor(), r.contractSaysValid());
    }
}
