package ai.perspective.chain.application;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.Wallets.LinkedWallet;
import ai.perspective.chain.application.ChainConnection.Ready;
import ai.perspective.chain.application.ChainPort.TokenTransfer;
import ai.perspective.chain.domain.Deployment;
import ai.perspective.chain.domain.Deployments;
import ai.perspective.chain.domain.Deposit;
import ai.perspective.chain.domain.DepositRecords;
import ai.perspective.chain.domain.DepositRecords.Cursor;
import ai.perspective.chain.domain.WalletRecords;
import ai.perspective.identity.AccountId;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finds deposits: the POV token's Transfer logs to the hub's address, read with {@code eth_getLogs}
 * from a stored block cursor, and only in blocks that already have the configured number of
 * confirmations. A reorganisation shallower than that is never seen; a deeper one is beyond what
 * the confirmations setting promises. Each log becomes one outbox row keyed by
 * {@code <chainId>:<txHash>:<logIndex>} before the cursor moves past its block, so a crash between the two
 * reads the blocks again and the rows already there are left as they are: a log seen twice is
 * one deposit.
 *
 * <p>The sending wallet tags the deposit: if it is linked to an account the row names it; if not,
 * the row waits and is given to the account that links the wallet later.
 */
public class DepositWatcher {

    private static final Logger LOG = Logger.getLogger(DepositWatcher.class.getName());
    static final String CURSOR = "pov-deposits";
    /** Blocks per eth_getLogs call (public nodes limit the range), and calls per tick. */
    static final long RANGE = 1_000;
    static final int RANGES_PER_TICK = 20;
    static final EthereumAddress ZERO = new EthereumAddress("0x" + "0".repeat(40));

    private final DepositRecords deposits;
    private final WalletRecords wallets;
    private final Deployments deployments;
    private final ChainSettings settings;
    private final Clock clock;

    public DepositWatcher(DepositRecords deposits, WalletRecords wallets, Deployments deployments,
            ChainSettings settings, Clock clock) {
        this.deposits = deposits;
        this.wallets = wallets;
        this.deployments = deployments;
        this.settings = settings;
        this.clock = clock;
    }

    /** Reads the confirmed blocks not read yet; returns how many new deposits it recorded. */
    public int tick(ChainPort chain, Ready contracts) {
        long safe = chain.blockNumber() - settings.confirmations() + 1;
        Cursor cursor = deposits.cursor(CURSOR)
                .filter(c -> c.chainId() == chain.chainId() && c.contract().equals(contracts.token()))
                .orElseGet(() -> start(chain, contracts));
        EthereumAddress hub = chain.signer();
        int found = 0;
        long from = cursor.nextBlock();
        for (int i = 0; i < RANGES_PER_TICK && from <= safe; i++) {
            long to = Math.min(safe, from + RANGE - 1);
            Instant now = clock.instant();
            for (TokenTransfer t : chain.tokenTransfersTo(contracts.token(), hub, from, to)) {
                if (t.from().equals(ZERO) || t.from().equals(hub) || t.amount().signum() == 0) {
                    continue; // minted to the hub, or the hub paying itself: not a user's deposit
                }
                AccountId owner = wallets.link(t.from()).map(LinkedWallet::owner).orElse(null);
                Deposit deposit = new Deposit(Deposit.idOf(chain.chainId(), t.transactionHash(), t.logIndex()), chain.chainId(),
                        t.transactionHash(), t.logIndex(), t.blockNumber(), t.from(), t.amount(), owner, now, null, 0,
                        now, null);
                if (deposits.addIfAbsent(deposit)) {
                    found++;
                    LOG.info("Deposit " + deposit.id() + " of " + t.amount() + " from " + t.from()
                            + (owner == null ? " (wallet not linked yet)" : " for account " + owner));
                }
            }
            deposits.saveCursor(CURSOR, new Cursor(chain.chainId(), contracts.token(), to + 1));
            from = to + 1;
        }
        claimLinkedSenders();
        return found;
    }

    /** Gives waiting deposits to the accounts that linked their wallets since. */
    private void claimLinkedSenders() {
        for (EthereumAddress sender : deposits.unclaimedSenders(100)) {
            Optional<LinkedWallet> link = wallets.link(sender);
            if (link.isPresent()) {
                int claimed = deposits.claim(sender, link.get().owner(), clock.instant());
                LOG.info(claimed + " deposit(s) from " + sender + " given to account " + link.get().owner());
            }
        }
    }

    /** A new chain or token: read from the block the token was deployed in. */
    private Cursor start(ChainPort chain, Ready contracts) {
        long block = deployments.find(chain.chainId(), Deployment.TOKEN)
                .filter(d -> d.address().equals(contracts.token()))
                .flatMap(d -> chain.receipt(d.transactionHash()))
                .map(ChainPort.Receipt::blockNumber)
                .orElse(0L);
        return new Cursor(chain.chainId(), contracts.token(), block);
    }
}
