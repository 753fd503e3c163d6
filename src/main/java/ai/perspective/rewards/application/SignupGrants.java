package ai.perspective.rewards.application;

import ai.perspective.identity.AccountCreated;
import ai.perspective.rewards.LedgerAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Funds every new account's sign-up grant once identity has committed it. The grant's transfer id
 * is derived from the account id, and a spendable account is only ever created together with its
 * grant, so the grant is paid exactly once however often this runs. If the process dies between
 * the sign-up and this observer, nothing is lost: the account is funded when its wallet is first
 * used (hold, wallet view) or by the admins' backfill, which also covers accounts created while
 * this module was absent.
 */
@ApplicationScoped
public class SignupGrants {

    private static final Logger LOG = Logger.getLogger(SignupGrants.class.getName());

    @Inject
    LedgerService ledger;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void onAccountCreated(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountCreated created) {
        try {
            ledger.ensureFunded(LedgerAccount.spendable(created.account()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sign-up grant of " + created.account() + " deferred to its first use or the backfill", e);
        }
    }
}
