package ai.perspective.rewards.rest;

import ai.perspective.identity.AccountId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.rewards.LedgerWithdrawals;
import ai.perspective.rewards.application.WithdrawalService;
import ai.perspective.shared.HubException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The caller's withdrawals to their linked wallets. A retry with the same {@code Idempotency-Key}
 * (or the same {@code id}) returns the same withdrawal and moves nothing twice.
 */
@Path("/ledger/withdrawals")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WithdrawalResource {

    static final int MAX_KEY = 200;

    @Inject
    LedgerWithdrawals withdrawals;
    @Inject
    CurrentAccount caller;

    /** @param amount base units as a string */
    public record WithdrawalRequest(String id, String address, String amount) {
    }

    public record WithdrawalJson(String id, String address, String amount, String state, String chainState,
            String transactionHash, Instant requestedAt, Instant finishedAt, String error) {

        static WithdrawalJson of(LedgerWithdrawals.Withdrawal w) {
            return new WithdrawalJson(w.id().toString(), w.address(), w.amount().toString(), w.state().name(),
                    w.chainState(), w.transactionHash(), w.requestedAt(), w.finishedAt(), w.error());
        }
    }

    @POST
    public Response withdraw(@HeaderParam("Idempotency-Key") String idempotencyKey, WithdrawalRequest request) {
        AccountId me = caller.require();
        if (request == null) {
            throw HubException.invalid(null, "missing-body", "Send {\"address\": \"0x…\", \"amount\": \"<base units>\"}.");
        }
        UUID id;
        if (request.id() != null) {
            id = LedgerResource.uuid(request.id(), "id");
        } else if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            if (idempotencyKey.length() > MAX_KEY) {
                throw HubException.invalid("Idempotency-Key", "invalid-idempotency-key",
                        "An Idempotency-Key has at most " + MAX_KEY + " characters.");
            }
            id = WithdrawalService.idFor(me, idempotencyKey.strip());
        } else {
            id = UUID.randomUUID();
        }
        LedgerWithdrawals.Withdrawal w = withdrawals.withdraw(me, id, request.address(),
                LedgerResource.amount(request.amount(), "amount"));
        return Response.accepted(WithdrawalJson.of(w)).location(URI.create("ledger/withdrawals/" + w.id())).build();
    }

    @GET
    public List<WithdrawalJson> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        return withdrawals.withdrawals(caller.require(), limit).stream().map(WithdrawalJson::of).toList();
    }

    @GET
    @Path("/{id}")
    public WithdrawalJson status(@PathParam("id") String id) {
        return withdrawals.withdrawal(caller.require(), LedgerResource.uuid(id, "id")).map(WithdrawalJson::of)
                .orElseThrow(() -> HubException.notFound("withdrawal-not-found", "You have no withdrawal " + id + "."));
    }
}
