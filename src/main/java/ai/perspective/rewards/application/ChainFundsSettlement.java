package ai.perspective.rewards.application;

import ai.perspective.chain.DepositConfirmed;
import ai.perspective.chain.WithdrawalConfirmed;
import ai.perspective.chain.WithdrawalFailed;
import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.domain.TransferIds;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Turns what the chain module reports into ledger transfers: a confirmed deposit credits the
 * depositor's spendable balance from the chain boundary; a confirmed withdrawal posts its pending
 * transfer, a failed one voids it. The chain module publishes each event until these observers
 * return without an exception (synchronous observers, so a failure reaches it), and every
 * transfer id is derived from the event's own id, so a redelivery changes nothing.
 *
 * <p>A withdrawal has one outcome. When the chain reports the other outcome after the ledger
 * recorded one (confirmed after failed, or failed after confirmed), the ledger keeps the first
 * and the observer refuses the second with a {@code withdrawal-outcome-conflict}: the chain module
 * keeps offering it (with its back-off) and shows the reason as the row's last error, because POV
 * may now exist twice (or nowhere) and only an operator can tell which side is right.
 */
@ApplicationScoped
public class ChainFundsSettlement {

    private static final Logger LOG = Logger.getLogger(ChainFundsSettlement.class.getName());

    @Inject
    Ledger ledger;

    void credit(@Observes DepositConfirmed deposit) {
        ledger.transfer(new Ledger.TransferRequest(depositId(deposit.id()), LedgerAccount.CHAIN,
                LedgerAccount.spendable(deposit.account()), deposit.amount(), Code.DEPOSIT, null, "deposit " + deposit.id()));
    }

    void post(@Observes WithdrawalConfirmed withdrawal) {
        UUID id = withdrawal.id();
        if (ledger.find(WithdrawalService.voidId(id)).isPresent()) {
            throw outcomeConflict(id, "was voided when the chain reported it failed, and the chain now reports it "
                    + "confirmed in transaction " + withdrawal.transactionHash());
        }
        ledger.post(id, WithdrawalService.postId(id));
    }

    void voidIt(@Observes WithdrawalFailed withdrawal) {
        UUID id = withdrawal.id();
        if (ledger.find(WithdrawalService.postId(id)).isPresent()) {
            throw outcomeConflict(id, "was posted when the chain reported it confirmed, and the chain now reports it "
                    + "failed (" + withdrawal.reason() + ")");
        }
        ledger.voidPending(id, WithdrawalService.voidId(id));
    }

    private static HubException outcomeConflict(UUID id, String what) {
        String detail = "Withdrawal " + id + " " + what + ". The ledger keeps its first outcome; an operator must "
                + "reconcile the wallet, the hub's address and the ledger.";
        LOG.severe(detail);
        return HubException.conflict("id", "withdrawal-outcome-conflict", detail);
    }

    /**
     * The ledger transfer of a deposit: derived from the chain module's deposit id
     * ({@code <chainId>:<txHash>:<logIndex>}), so one per log and chain, ever.
     */
    public static UUID depositId(String depositId) {
        return TransferIds.of("deposit", depositId);
    }
}
