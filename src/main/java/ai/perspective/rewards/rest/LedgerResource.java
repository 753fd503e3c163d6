package ai.perspective.rewards.rest;

import ai.perspective.identity.AccountId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.identity.Identity;
import ai.perspective.rewards.Charges;
import ai.perspective.rewards.HubParameters;
import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.rest.LedgerJson.BackfillJson;
import ai.perspective.rewards.rest.LedgerJson.BalanceJson;
import ai.perspective.rewards.rest.LedgerJson.EarningsJson;
import ai.perspective.rewards.rest.LedgerJson.GrantRequest;
import ai.perspective.rewards.rest.LedgerJson.HoldJson;
import ai.perspective.rewards.rest.LedgerJson.HoldRequest;
import ai.perspective.rewards.rest.LedgerJson.PageJson;
import ai.perspective.rewards.rest.LedgerJson.ParameterChangeRequest;
import ai.perspective.rewards.rest.LedgerJson.ReversalRequest;
import ai.perspective.rewards.rest.LedgerJson.SettleRequest;
import ai.perspective.rewards.rest.LedgerJson.TransferJson;
import ai.perspective.rewards.rest.LedgerJson.TransferRequestJson;
import ai.perspective.rewards.rest.LedgerJson.TransferResultJson;
import ai.perspective.rewards.rest.LedgerJson.VerificationJson;
import ai.perspective.rewards.rest.LedgerJson.WalletJson;
import ai.perspective.shared.HubException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The ledger over REST: the caller's wallet, transfers (JSON and CSV), earnings and Merkle proofs;
 * for admins grants, corrections, the system accounts, verification, batches, parameters, and
 * the charge operations the gateway uses in process (for operators and tests).
 */
@Path("/ledger")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LedgerResource {

    static final int BACKFILL_PAGE = 200;

    @Inject
    Ledger ledger;
    @Inject
    Charges charges;
    @Inject
    HubParameters parameters;
    @Inject
    Identity identity;
    @Inject
    CurrentAccount caller;

    @GET
    @Path("/wallet")
    @PermitAll
    public WalletJson wallet(@QueryParam("account") String account) {
        return WalletJson.of(ledger.wallet(owner(account)));
    }

    @GET
    @Path("/transfers")
    @PermitAll
    public PageJson transfers(@QueryParam("account") String account, @QueryParam("code") String code,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("50") int limit) {
        return PageJson.of(ledger.transfers(new Ledger.TransferQuery(owner(account), code(code), instant(from, "from"),
                instant(to, "to"), offset, limit)));
    }

    @GET
    @Path("/transfers.csv")
    @PermitAll
    @Produces("text/csv")
    public Response transfersCsv(@QueryParam("account") String account, @QueryParam("code") String code,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Ledger.TransferQuery query = new Ledger.TransferQuery(owner(account), code(code), instant(from, "from"),
                instant(to, "to"), 0, TransferCsv.PAGE);
        ledger.transfers(query.withLimit(1));
        StreamingOutput body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            TransferCsv.write(ledger, query, writer);
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"transfers.csv\"").build();
    }

    @GET
    @Path("/transfers/{id}")
    @PermitAll
    public TransferJson transfer(@PathParam("id") String id) {
        return ledger.find(uuid(id, "id")).map(TransferJson::of)
                .orElseThrow(() -> HubException.notFound("transfer-not-found", "There is no transfer " + id + " you may see."));
    }

    @GET
    @Path("/transfers/{id}/proof")
    @PermitAll
    public Ledger.Proof proof(@PathParam("id") String id) {
        return ledger.proof(uuid(id, "id")).orElseThrow(() -> HubException.notFound("transfer-not-sealed",
                "Transfer " + id + " is not in a settlement batch yet; batches are sealed every few seconds."));
    }

    @POST
    @Path("/transfers")
    @RolesAllowed("ADMIN")
    public Response makeTransfer(TransferRequestJson request) {
        if (request == null) {
            throw HubException.invalid(null, "missing-body", "Send id, debit, credit, amount and code.");
        }
        Ledger.Transfer t = ledger.transfer(new Ledger.TransferRequest(uuid(request.id(), "id"),
                LedgerAccount.parse(request.debit()), LedgerAccount.parse(request.credit()), amount(request.amount(), "amount"),
                code(request.code()), request.model(), request.memo()));
        return Response.status(201).entity(TransferJson.of(t)).build();
    }

    /**
     * Many transfers in one request, each made or refused on its own, all in one commit: per
     * request, in order, {@code status} 201 with the transfer, or the problem's status, type and detail.
     */
    @POST
    @Path("/transfers/batch")
    @RolesAllowed("ADMIN")
    public List<TransferResultJson> makeTransfers(List<TransferRequestJson> requests) {
        if (requests == null) {
            throw HubException.invalid(null, "missing-body", "Send a JSON array of transfers (id, debit, credit, amount, code).");
        }
        List<Ledger.TransferRequest> parsed = new java.util.ArrayList<>(requests.size());
        List<HubException> invalid = new java.util.ArrayList<>(requests.size());
        for (TransferRequestJson r : requests) {
            try {
                if (r == null) {
                    throw HubException.invalid(null, "missing-body", "Each transfer is an object.");
                }
                parsed.add(new Ledger.TransferRequest(uuid(r.id(), "id"), LedgerAccount.parse(r.debit()), LedgerAccount.parse(r.credit()),
                        amount(r.amount(), "amount"), code(r.code()), r.model(), r.memo()));
                invalid.add(null);
            } catch (HubException e) {
                invalid.add(e);
            }
        }
        List<Ledger.TransferResult> made = parsed.isEmpty() ? List.of() : ledger.transferAll(parsed);
        List<TransferResultJson> results = new java.util.ArrayList<>(requests.size());
        java.util.Iterator<Ledger.TransferResult> next = made.iterator();
        for (HubException e : invalid) {
            results.add(TransferResultJson.of(e != null ? new Ledger.TransferResult(null, e) : next.next()));
        }
        return results;
    }

    @POST
    @Path("/transfers/{id}/reversal")
    @RolesAllowed("ADMIN")
    public Response reverse(@PathParam("id") String id, ReversalRequest request) {
        UUID correction = request == null || request.id() == null ? null : uuid(request.id(), "id");
        return Response.status(201).entity(TransferJson.of(ledger.reverse(uuid(id, "transferId"), correction,
                request == null ? null : request.memo()))).build();
    }

    @POST
    @Path("/grants")
    @RolesAllowed("ADMIN")
    public Response grant(GrantRequest request) {
        if (request == null) {
            throw HubException.invalid(null, "missing-body", "Send account and amount (base units), optionally id and memo.");
        }
        UUID id = request.id() == null ? null : uuid(request.id(), "id");
        Ledger.Transfer t = ledger.grant(id, AccountId.parse(request.account()), amount(request.amount(), "amount"), request.memo());
        return Response.status(201).entity(TransferJson.of(t)).build();
    }

    /** Funds the sign-up grant of every account that has none (e.g. created while the ledger was absent). */
    @POST
    @Path("/grants/backfill")
    @RolesAllowed("ADMIN")
    public BackfillJson backfill() {
        int funded = 0;
        for (int offset = 0;; offset += BACKFILL_PAGE) {
            List<Identity.AccountSummary> page = identity.accounts(offset, BACKFILL_PAGE);
            funded += ledger.backfillSignupGrants(page.stream().map(Identity.AccountSummary::id).toList());
            if (page.size() < BACKFILL_PAGE) {
                return new BackfillJson(funded);
            }
        }
    }

    @GET
    @Path("/earnings")
    @PermitAll
    public List<EarningsJson> earnings(@QueryParam("account") String account, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        LocalDate last = to == null ? LocalDate.now(java.time.ZoneOffset.UTC) : day(to, "to");
        LocalDate first = from == null ? last.minusDays(29) : day(from, "from");
        return ledger.earningsByModel(owner(account), first, last).stream().map(EarningsJson::of).toList();
    }

    @GET
    @Path("/system/{account}")
    @RolesAllowed("ADMIN")
    public BalanceJson system(@PathParam("account") String account) {
        LedgerAccount system = LedgerAccount.parse(account);
        if (system.kind().owned()) {
            throw HubException.invalid("account", "not-a-system-account", "Use treasury, chain or clearing.");
        }
        return BalanceJson.of(ledger.balance(system));
    }

    @GET
    @Path("/verification")
    @RolesAllowed("ADMIN")
    public VerificationJson verify() {
        return VerificationJson.of(ledger.verify());
    }

    @GET
    @Path("/batches")
    @PermitAll
    public List<Ledger.Batch> batches(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return ledger.batches(offset, limit);
    }

    /** Seals a batch now instead of waiting for the schedule; 204 when nothing is unsealed. */
    @POST
    @Path("/batches")
    @RolesAllowed("ADMIN")
    public Response seal() {
        return ledger.sealBatch().map(b -> Response.status(201).entity(b).build()).orElse(Response.noContent().build());
    }

    @GET
    @Path("/parameters")
    @PermitAll
    public List<HubParameters.Parameter> parameters() {
        return parameters.parameters();
    }

    @PUT
    @Path("/parameters")
    @RolesAllowed("ADMIN")
    public List<HubParameters.Parameter> changeParameters(ParameterChangeRequest request) {
        if (request == null) {
            throw HubException.invalid(null, "missing-body", "Send changes (name to value) and a reason.");
        }
        return parameters.change(request.changes(), request.reason(), "account:" + caller.require());
    }

    @GET
    @Path("/parameters/history")
    @PermitAll
    public List<HubParameters.Change> history(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return parameters.history(offset, limit);
    }

    @POST
    @Path("/holds")
    @RolesAllowed("ADMIN")
    public Response hold(HoldRequest request) {
        if (request == null) {
            throw HubException.invalid(null, "missing-body", "Send requestKey, payer and maximum.");
        }
        Charges.Hold hold = charges.hold(request.requestKey(), AccountId.parse(request.payer()),
                amountOrZero(request.maximum(), "maximum"));
        return Response.status(201).entity(HoldJson.of(hold)).build();
    }

    @POST
    @Path("/holds/{key}/settlement")
    @RolesAllowed("ADMIN")
    public HoldJson settle(@PathParam("key") String key, SettleRequest request) {
        if (request == null) {
            throw HubException.invalid(null, "missing-body", "Send cost and creator, optionally model, nodeOperators, dataContributors.");
        }
        Charges.Hold hold = existingHold(key);
        charges.settle(hold, amountOrZero(request.cost(), "cost"), new Charges.Beneficiaries(AccountId.parse(request.creator()),
                request.model(), ids(request.nodeOperators()), ids(request.dataContributors())));
        return HoldJson.of(hold);
    }

    @POST
    @Path("/holds/{key}/release")
    @RolesAllowed("ADMIN")
    public HoldJson release(@PathParam("key") String key) {
        Charges.Hold hold = existingHold(key);
        charges.release(hold);
        return HoldJson.of(hold);
    }

    private Charges.Hold existingHold(String key) {
        return charges.find(key).orElseThrow(() -> HubException.notFound("hold-not-found", "There is no hold for request " + key + "."));
    }

    private static List<AccountId> ids(List<String> ids) {
        return ids == null ? List.of() : ids.stream().map(AccountId::parse).toList();
    }

    /** The caller, or (admins only, checked by the ledger) another account. */
    private AccountId owner(String account) {
        return account == null || account.isBlank() ? caller.require() : AccountId.parse(account);
    }

    static Ledger.Code code(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        try {
            return Ledger.Code.valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HubException.invalid("code", "unknown-code", "'" + code + "' is not a transfer code; use one of "
                    + java.util.Arrays.toString(Ledger.Code.values()) + ".");
        }
    }

    static UUID uuid(String text, String field) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw HubException.invalid(field, "invalid-id", "'" + text + "' is not a UUID.");
        }
    }

    static BigInteger amount(String text, String field) {
        BigInteger amount = amountOrZero(text, field);
        if (amount.signum() == 0) {
            throw HubException.invalid(field, "invalid-amount", field + " must be > 0 base units.");
        }
        return amount;
    }

    static BigInteger amountOrZero(String text, String field) {
        try {
            BigInteger amount = new BigInteger(text.strip());
            if (amount.signum() >= 0 && amount.bitLength() <= 256) {
                return amount;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw HubException.invalid(field, "invalid-amount", field + " is a whole number of base units as a string, e.g. \"1000000000000000000\" for 1 POV.");
    }

    private static Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw HubException.invalid(field, "invalid-time", field + " is a date (2026-01-31) or an instant (2026-01-31T12:00:00Z).");
            }
        }
    }

    private static LocalDate day(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw HubException.invalid(field, "invalid-date", field + " is a date like 2026-01-31.");
        }
    }
}
