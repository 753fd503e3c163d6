package ai.perspective.rewards.rest;

import ai.perspective.rewards.Charges;
import ai.perspective.rewards.HubParameters;
import ai.perspective.rewards.Ledger;
import java.time.Instant;
import java.util.List;

/** The ledger on the wire. Amounts are strings of base units: JSON numbers lose precision past 2^53. */
public final class LedgerJson {

    private LedgerJson() {
    }

    public record TransferJson(String id, long seq, String debit, String credit, String amount, String kind, String code,
            String pendingId, String reversalOf, String model, String memo, Instant createdAt) {

        static TransferJson of(Ledger.Transfer t) {
            return new TransferJson(t.id().toString(), t.seq(), t.debit().key(), t.credit().key(), t.amount().toString(),
                    t.kind().name(), t.code().name(), t.pendingId() == null ? null : t.pendingId().toString(),
                    t.reversalOf() == null ? null : t.reversalOf().toString(), t.model(), t.memo(), t.createdAt());
        }
    }

    public record PageJson(List<TransferJson> items, long total) {

        static PageJson of(Ledger.Page<Ledger.Transfer> page) {
            return new PageJson(page.items().stream().map(TransferJson::of).toList(), page.total());
        }
    }

    public record BalanceJson(String account, String posted, String pendingDebits, String pendingCredits, String available) {

        static BalanceJson of(Ledger.Balance b) {
            return new BalanceJson(b.account().key(), b.posted().toString(), b.pendingDebits().toString(),
                    b.pendingCredits().toString(), b.available().toString());
        }
    }

    public record WalletJson(String owner, BalanceJson spendable, BalanceJson earnings) {

        static WalletJson of(Ledger.Wallet w) {
            return new WalletJson(w.owner().toString(), BalanceJson.of(w.spendable()), BalanceJson.of(w.earnings()));
        }
    }

    public record HoldJson(String requestKey, String payer, String amount) {

        static HoldJson of(Charges.Hold h) {
            return new HoldJson(h.requestKey(), h.payer().toString(), h.amount().toString());
        }
    }

    public record EarningsJson(String day, String model, String amount) {

        static EarningsJson of(Ledger.DailyEarnings e) {
            return new EarningsJson(e.day().toString(), e.model(), e.amount().toString());
        }
    }

    public record VerificationJson(boolean sound, long transfers, long accounts, String sum, List<String> mismatchedAccounts,
            long openHolds) {

        static VerificationJson of(Ledger.Verification v) {
            return new VerificationJson(v.sound(), v.transfers(), v.accounts(), v.sum().toString(), v.mismatchedAccounts(),
                    v.openHolds());
        }
    }

    public record ParametersJson(List<HubParameters.Parameter> parameters) {
    }

    // requests

    public record HoldRequest(String requestKey, String payer, String maximum) {
    }

    public record SettleRequest(String cost, String creator, String model, List<String> nodeOperators,
            List<String> dataContributors) {
    }

    public record GrantRequest(String id, String account, String amount, String memo) {
    }

    public record TransferRequestJson(String id, String debit, String credit, String amount, String code, String model,
            String memo) {
    }

    /** One result of a batch: status 201 and the transfer, or the problem's status, type and detail. */
    public record TransferResultJson(int status, TransferJson transfer, String type, String detail) {

        static TransferResultJson of(ai.perspective.rewards.Ledger.TransferResult r) {
            if (r.error() == null) {
                return new TransferResultJson(201, TransferJson.of(r.transfer()), null, null);
            }
            return new TransferResultJson(r.error().kind().status(), null, "/problems/" + r.error().type(), r.error().getMessage());
        }
    }

    public record ReversalRequest(String id, String memo) {
    }

    public record ParameterChangeRequest(java.util.Map<String, String> changes, String reason) {
    }

    public record BackfillJson(int funded) {
    }
}
