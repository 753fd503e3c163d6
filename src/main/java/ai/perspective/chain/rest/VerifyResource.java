package ai.perspective.chain.rest;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Anchors;
import ai.perspective.chain.Bytes32;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * Public verification, no account needed: what root the hub anchored for a batch and in which
 * transaction, and whether a leaf with its proof belongs to it, answered by the contract itself.
 */
@Path("/verify/anchors/{kind}/{reference}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VerifyResource {

    @Inject
    Anchors anchors;

    public record ProofRequest(String leaf, List<String> proof) {
    }

    public record VerificationJson(AnchorJson anchor, String leaf, List<String> proof, boolean valid) {
    }

    @GET
    public AnchorJson anchor(@PathParam("kind") String kind, @PathParam("reference") String reference) {
        AnchorKind k = AnchorKind.parse(kind);
        Anchors.AnchorStatus status = anchors.status(k, reference).orElseThrow(() -> HubException.notFound(
                "anchor-not-found", "Nothing was anchored as " + k.slug() + "/" + reference + "."));
        return AnchorJson.of(status, anchors.network());
    }

    @POST
    public VerificationJson verify(@PathParam("kind") String kind, @PathParam("reference") String reference,
            ProofRequest request) {
        AnchorKind k = AnchorKind.parse(kind);
        if (request == null || request.leaf() == null) {
            throw HubException.invalid("leaf", "missing-field", "Send {\"leaf\": \"0x…\", \"proof\": [\"0x…\", …]}.");
        }
        Bytes32 leaf = Bytes32.parse("leaf", request.leaf());
        List<Bytes32> proof = new ArrayList<>();
        for (String sibling : request.proof() == null ? List.<String>of() : request.proof()) {
            proof.add(Bytes32.parse("proof", sibling));
        }
        Anchors.Verification v = anchors.verify(k, reference, leaf, proof);
        Anchors.ChainNetwork network = anchors.network();
        return new VerificationJson(AnchorJson.of(v.anchor(), network), v.leaf().hex(),
                v.proof().stream().map(Bytes32::hex).toList(), v.valid());
    }
}
