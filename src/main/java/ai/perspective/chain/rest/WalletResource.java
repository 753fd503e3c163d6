package ai.perspective.chain.rest;

import ai.perspective.chain.Wallets;
import ai.perspective.identity.CurrentAccount;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The caller's linked wallets. Linking is two calls: get a challenge for an address, then send
 * its EIP-191 signature ({@code personal_sign} of the exact message) made with that address.
 */
@Path("/chain/wallets")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WalletResource {

    @Inject
    Wallets wallets;
    @Inject
    CurrentAccount caller;

    public record ChallengeRequest(String address) {
    }

    public record ChallengeJson(String id, String address, String message, Instant expiresAt) {
    }

    public record LinkRequest(String challengeId, String signature) {
    }

    public record WalletJson(String address, Instant linkedAt) {

        static WalletJson of(Wallets.LinkedWallet w) {
            return new WalletJson(w.address().value(), w.linkedAt());
        }
    }

    @POST
    @Path("/challenges")
    public Response challenge(ChallengeRequest request) {
        Wallets.Challenge c = wallets.challenge(caller.require(), request == null ? null : request.address());
        return Response.status(201).entity(new ChallengeJson(c.id(), c.address().value(), c.message(), c.expiresAt()))
                .build();
    }

    @POST
    public Response link(LinkRequest request) {
        Wallets.LinkedWallet w = wallets.link(caller.require(), request == null ? null : request.challengeId(),
                request == null ? null : request.signature());
        return Response.created(URI.create("chain/wallets/" + w.address().value())).entity(WalletJson.of(w)).build();
    }

    @GET
    public List<WalletJson> list() {
        return wallets.wallets(caller.require()).stream().map(WalletJson::of).toList();
    }

    @DELETE
    @Path("/{address}")
    public Response unlink(@PathParam("address") String address) {
        wallets.unlink(caller.require(), address);
        return Response.noContent().build();
    }
}
