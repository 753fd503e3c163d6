package ai.perspective.rewards.application;

import ai.perspective.chain.DepositConfirmed;
import ai.perspective.chain.WithdrawalConfirmed;
import ai.perspective.chain.WithdrawalFailed;
import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.Ledger.Code;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.domain.TransferIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Turns what the chain module reports into ledger transfers: a confirmed deposit credits the
 * depositor's spendable balance from the chain boundary; a confirmed withdrawal posts its pending
 * transfer, a failed one voids it. The chain module publishes each event until these observers
 * return without an exception (synchronous observers, so a failure reaches it), and every
 * transfer id is derived from the event's own id, so a redelivery changes nothing.
 */
@ApplicationScoped
public class ChainFundsSettlement {

    @Inject
    Ledger ledger;

    void credit(@Observes DepositConfirmed deposit) {
        ledger.transfer(new Ledger.TransferRequest(depositId(deposit.id()), LedgerAccount.CHAIN,
                LedgerAccount.spendable(deposit.account()), deposit.amount(), Code.DEPOSIT, null, "deposit " + deposit.id()));
    }

    void post(@Observes WithdrawalConfirmed withdrawal) {
        ledger.post(withdrawal.id(), WithdrawalService.postId(withdrawal.id()));
    }

    void voidIt(@Observes WithdrawalFailed withdrawal) {
        ledger.voidPending(withdrawal.id(), WithdrawalService.voidId(withdrawal.id()));
    }

    /** The ledger transfer of a deposit ({@code <txHash>:<logIndex>}): one per log, ever. */
    public static java.util.UUID depositId(String depositId) {
        return TransferIds.of("deposit", depositId);
    }
}
