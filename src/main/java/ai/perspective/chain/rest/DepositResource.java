package ai.perspective.chain.rest;

import ai.perspective.chain.Deposits;
import ai.perspective.chain.EthereumAddress;
import ai.perspective.identity.CurrentAccount;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** Where the caller deposits POV, and the deposits seen from their wallets. */
@Path("/chain/deposits")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class DepositResource {

    @Inject
    Deposits deposits;
    @Inject
    CurrentAccount caller;

    public record InstructionsJson(Long chainId, String tokenAddress, String depositAddress, int confirmations,
            List<String> fromWallets, String instructions) {
    }

    public record DepositJson(String id, String from, String amount, String state, String transactionHash,
            long blockNumber, Instant seenAt, Instant creditedAt) {
    }

    @GET
    @Path("/instructions")
    public InstructionsJson instructions() {
        Deposits.Instructions i = deposits.instructions(caller.require());
        return new InstructionsJson(i.chainId(), i.tokenAddress(), i.hubAddress(), i.confirmations(),
                i.wallets().stream().map(EthereumAddress::value).toList(), i.text());
    }

    @GET
    public List<DepositJson> list(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return deposits.deposits(caller.require(), offset, limit).stream()
                .map(d -> new DepositJson(d.id(), d.from().value(), d.amount().toString(), d.state().name(),
                        d.transactionHash(), d.blockNumber(), d.seenAt(), d.creditedAt()))
                .toList();
    }
}
