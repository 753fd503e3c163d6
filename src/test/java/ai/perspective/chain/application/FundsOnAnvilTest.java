package ai.perspective.chain.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.perspective.chain.AnchorConfirmed;
import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Bytes32;
import ai.perspective.chain.DepositConfirmed;
import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.Wallets.LinkedWallet;
import ai.perspective.chain.WithdrawalConfirmed;
import ai.perspective.chain.WithdrawalFailed;
import ai.perspective.chain.Withdrawals;
import ai.perspective.chain.devchain.AnvilProcess;
import ai.perspective.chain.domain.DepositRecords;
import ai.perspective.chain.persistence.JdbcAnchorRequests;
import ai.perspective.chain.persistence.JdbcDeployments;
import ai.perspective.chain.persistence.JdbcDeposits;
import ai.perspective.chain.persistence.JdbcWalletRecords;
import ai.perspective.chain.persistence.JdbcWithdrawals;
import ai.perspective.chain.support.ChainTestKit;
import ai.perspective.chain.web3j.Web3jChain;
import ai.perspective.identity.AccountId;
import ai.perspective.shared.HubException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deposits and withdrawals end to end without the server: watcher, relay and delivery on H2
 * against a real anvil (a block a second, two confirmations); a second anvil account, driven by
 * web3j with its own key, is the user's wallet.
 */
class FundsOnAnvilTest {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final BigInteger POV = BigInteger.TEN.pow(18);
    /** Anvil's second and third accounts: known test keys, nothing of value. */
    static final String WALLET_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final EthereumAddress WALLET = new EthereumAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    static final String STRANGER_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    static final EthereumAddress STRANGER = new EthereumAddress("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

    @TempDir
    Path dir;

    AnvilProcess anvil;
    DataSource db;
    ChainSettings settings;
    ChainConnection connection;
    ChainPort chain;
    ChainPort wallet;
    JdbcDeposits deposits;
    JdbcWithdrawals withdrawals;
    JdbcWalletRecords walletRecords;
    JdbcAnchorRequests anchorRequests;
    WithdrawalService withdrawalService;
    TransactionRelay relay;
    List<DepositConfirmed> credited = new CopyOnWriteArrayList<>();
    List<WithdrawalConfirmed> withdrawn = new CopyOnWriteArrayList<>();
    List<WithdrawalFailed> failed = new CopyOnWriteArrayList<>();
    List<AnchorConfirmed> anchored = new CopyOnWriteArrayList<>();
    AccountId alice = AccountId.random();

    @BeforeEach
    void chain() {
        anvil = ChainTestKit.anvil(dir, 0);
        db = ChainTestKit.database();
        settings = new ChainSettings(Optional.of(anvil.rpcUrl()), Optional.of(ChainSettings.DEV_KEY), Optional.empty(),
                dir, 2, Duration.ofMillis(200), Duration.ofSeconds(30), 1, ChainSettings.DEFAULT_SUPPLY);
        connection = new ChainConnection(settings, new JdbcDeployments(db), Web3jChain::connect, Clock.systemUTC());
        assertThat(connection.connect()).as(connection.network().lastError()).isTrue();
        chain = ready().chain();
        wallet = Web3jChain.connect(anvil.rpcUrl(), WALLET_KEY);
        deposits = new JdbcDeposits(db);
        withdrawals = new JdbcWithdrawals(db);
        walletRecords = new JdbcWalletRecords(db);
        anchorRequests = new JdbcAnchorRequests(db);
        withdrawalService = new WithdrawalService();
        withdrawalService.records = withdrawals;
        relay = new TransactionRelay(settings, Clock.systemUTC(),
                List.of(new AnchorSender(anchorRequests, anchored::add), new WithdrawalSender(withdrawals)));
    }

    @AfterEach
    void stop() {
        wallet.close();
        connection.close();
        anvil.close();
    }

    @Test
    void aDepositIsCreditedOnceAndOnlyAfterTheConfirmations() {
        walletRecords.addLink(new LinkedWallet(WALLET, alice, Instant.now()));
        fund(WALLET, POV.multiply(BigInteger.TEN));
        rpc("evm_setIntervalMining", 0); // blocks only when this test mines them
        String tx = deposit(wallet, 3);
        rpc("evm_mine");
        long block = await().atMost(PATIENCE).until(() -> chain.receipt(tx), Optional::isPresent).orElseThrow()
                .blockNumber();
        assertThat(chain.blockNumber()).as("the deposit is the newest block").isEqualTo(block);

        DepositWatcher watcher = watcher();
        FundsDelivery delivery = delivery(credited::add);
        assertThat(watcher.tick(chain, ready())).as("one confirmation of two: not yet").isZero();
        delivery.deliver(chain.chainId(), ready());
        assertThat(credited).isEmpty();

        rpc("evm_mine");
        assertThat(watcher.tick(chain, ready())).isEqualTo(1);
        delivery.deliver(chain.chainId(), ready());
        assertThat(credited).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(chain.chainId() + ":" + tx + ":" + d.logIndex());
            assertThat(d.account()).isEqualTo(alice);
            assertThat(d.from()).isEqualTo(WALLET);
            assertThat(d.amount()).isEqualTo(POV.multiply(BigInteger.valueOf(3)));
            assertThat(d.transactionHash()).isEqualTo(tx);
            assertThat(d.blockNumber()).isEqualTo(block);
        });

        // the same log seen again: a watcher started afresh reads from an old cursor
        rpc("evm_mine");
        deposits.saveCursor(DepositWatcher.CURSOR, new DepositRecords.Cursor(chain.chainId(), ready().token(), 0));
        DepositWatcher afterRestart = watcher();
        assertThat(afterRestart.tick(chain, ready())).as("nothing new").isZero();
        delivery(credited::add).deliver(chain.chainId(), ready());
        assertThat(credited).as("credited once").hasSize(1);
        assertThat(deposits.cursor(DepositWatcher.CURSOR)).get()
                .extracting(DepositRecords.Cursor::nextBlock).isEqualTo(chain.blockNumber());
    }

    @Test
    void aDepositTheLedgerRefusesIsOfferedAgainUntilItIsTaken() {
        walletRecords.addLink(new LinkedWallet(WALLET, alice, Instant.now()));
        fund(WALLET, POV.multiply(BigInteger.TEN));
        deposit(wallet, 2);
        AtomicInteger refusals = new AtomicInteger(2);
        FundsDelivery delivery = delivery(d -> {
            if (refusals.getAndDecrement() > 0) {
                throw new IllegalStateException("the ledger is busy");
            }
            credited.add(d);
        });
        DepositWatcher watcher = watcher();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            watcher.tick(chain, ready());
            delivery.deliver(chain.chainId(), ready());
            return !credited.isEmpty();
        });
        assertThat(refusals.get()).as("refused twice, then taken").isNegative();
        assertThat(credited).hasSize(1);
        String id = credited.getFirst().id();
        assertThat(deposits.byId(id)).get().satisfies(d -> assertThat(d.creditedAt()).isNotNull());
    }

    @Test
    void aDepositFromAWalletNobodyLinkedWaitsForItsLink() {
        fund(STRANGER, POV.multiply(BigInteger.TEN));
        try (ChainPort stranger = Web3jChain.connect(anvil.rpcUrl(), STRANGER_KEY)) {
            deposit(stranger, 5);
        }
        DepositWatcher watcher = watcher();
        FundsDelivery delivery = delivery(credited::add);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> watcher.tick(chain, ready()) == 1);
        delivery.deliver(chain.chainId(), ready());
        assertThat(credited).as("no account to credit yet").isEmpty();

        walletRecords.addLink(new LinkedWallet(STRANGER, alice, Instant.now()));
        watcher.tick(chain, ready());
        delivery.deliver(chain.chainId(), ready());
        assertThat(credited).singleElement().satisfies(d -> {
            assertThat(d.account()).isEqualTo(alice);
            assertThat(d.amount()).isEqualTo(POV.multiply(BigInteger.valueOf(5)));
        });
    }

    @Test
    void aWithdrawalReachesTheWalletAndSharesTheNoncesWithAnchors() {
        BigInteger before = chain.tokenBalance(ready().token(), WALLET);
        UUID id = UUID.randomUUID();
        Withdrawals.WithdrawalStatus queued = withdrawalService.request(id, WALLET, POV.multiply(BigInteger.valueOf(7)));
        assertThat(queued.state()).isEqualTo(Withdrawals.State.PENDING);
        assertThat(withdrawalService.request(id, WALLET, POV.multiply(BigInteger.valueOf(7))).requestedAt())
                .as("idempotent").isEqualTo(queued.requestedAt());
        assertThatThrownBy(() -> withdrawalService.request(id, WALLET, POV))
                .isInstanceOf(HubException.class).hasMessageContaining("another address or amount");
        new AnchorService() {
            {
                requests = anchorRequests;
                chain = connection;
            }
        }.anchor(AnchorKind.ATTESTATION, "next-to-a-withdrawal", Bytes32.fromHex("ee".repeat(32)));

        FundsDelivery delivery = delivery(credited::add);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            relay.tick(chain, ready());
            delivery.deliver(chain.chainId(), ready());
            return !withdrawn.isEmpty() && !anchored.isEmpty();
        });
        assertThat(withdrawn).singleElement().satisfies(w -> {
            assertThat(w.id()).isEqualTo(id);
            assertThat(chain.receipt(w.transactionHash())).get().extracting(ChainPort.Receipt::success).isEqualTo(true);
            assertThat(chain.blockNumber() - w.blockNumber() + 1).isGreaterThanOrEqualTo(2);
        });
        assertThat(chain.tokenBalance(ready().token(), WALLET)).isEqualTo(before.add(POV.multiply(BigInteger.valueOf(7))));
        assertThat(withdrawalService.status(id)).get().extracting(Withdrawals.WithdrawalStatus::state)
                .isEqualTo(Withdrawals.State.CONFIRMED);
        assertThat(chain.nonce(false)).as("2 deployments + 1 anchor + 1 withdrawal, one nonce sequence")
                .isEqualTo(BigInteger.valueOf(4));

        delivery.deliver(chain.chainId(), ready());
        assertThat(withdrawn).as("delivered once it was taken").hasSize(1);
        assertThat(failed).isEmpty();
    }

    @Test
    void aWithdrawalWhoseTransferRevertsFailsAndMovesNothing() {
        BigInteger tooMuch = ChainSettings.DEFAULT_SUPPLY.add(BigInteger.ONE); // more than the hub's address holds
        UUID id = UUID.randomUUID();
        withdrawalService.request(id, WALLET, tooMuch);
        FundsDelivery delivery = delivery(credited::add);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            relay.tick(chain, ready());
            delivery.deliver(chain.chainId(), ready());
            return !failed.isEmpty();
        });
        assertThat(failed).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo(id);
            assertThat(f.reason()).contains("reverted");
        });
        assertThat(withdrawn).isEmpty();
        assertThat(chain.tokenBalance(ready().token(), WALLET)).isZero();
        assertThat(withdrawalService.status(id)).get().satisfies(s -> {
            assertThat(s.state()).isEqualTo(Withdrawals.State.FAILED);
            assertThat(s.error()).contains("reverted");
        });
    }

    private DepositWatcher watcher() {
        return new DepositWatcher(deposits, walletRecords, new JdbcDeployments(db), settings, Clock.systemUTC());
    }

    private FundsDelivery delivery(Consumer<DepositConfirmed> onDeposit) {
        return new FundsDelivery(deposits, withdrawals, onDeposit, withdrawn::add, failed::add, Clock.systemUTC());
    }

    private ChainConnection.Ready ready() {
        return connection.ready().orElseThrow();
    }

    /** The hub sends the wallet POV (as a test set-up, outside the relay). */
    private void fund(EthereumAddress to, BigInteger amount) {
        var tx = chain.signTokenTransfer(ready().token(), to, amount, chain.nonce(true), chain.gasPrice());
        assertThat(chain.send(tx.raw())).isEqualTo(ChainPort.SendOutcome.ACCEPTED);
        await().atMost(PATIENCE).until(() -> chain.receipt(tx.hash()), Optional::isPresent);
    }

    /** The user's wallet sends {@code pov} POV to the hub's address with a plain ERC-20 transfer. */
    private String deposit(ChainPort from, long pov) {
        var tx = from.signTokenTransfer(ready().token(), chain.signer(), POV.multiply(BigInteger.valueOf(pov)),
                from.nonce(true), from.gasPrice());
        assertThat(from.send(tx.raw())).isEqualTo(ChainPort.SendOutcome.ACCEPTED);
        return tx.hash();
    }

    private void rpc(String method, Object... params) {
        var request = new org.web3j.protocol.core.Request<>(method, List.of(params),
                new org.web3j.protocol.http.HttpService(anvil.rpcUrl()), org.web3j.protocol.core.methods.response.VoidResponse.class);
        try {
            assertThat(request.send().hasError()).as(method).isFalse();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
