package ai.perspective.chain.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.perspective.chain.AnchorConfirmed;
import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Anchors.AnchorStatus;
import ai.perspective.chain.Anchors.State;
import ai.perspective.chain.Bytes32;
import ai.perspective.chain.devchain.AnvilProcess;
import ai.perspective.chain.domain.AnchorRequest;
import ai.perspective.chain.persistence.JdbcAnchorRequests;
import ai.perspective.chain.persistence.JdbcDeployments;
import ai.perspective.chain.support.ChainTestKit;
import ai.perspective.chain.support.TestMerkleTree;
import ai.perspective.chain.web3j.Web3jChain;
import ai.perspective.shared.HubException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Anchoring end to end without the server: the relay and services on H2 against a real anvil
 * (a block a second, two confirmations), with the contracts the build compiled.
 */
class AnchoringOnAnvilTest {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    AnvilProcess anvil;
    DataSource db;
    ChainSettings settings;
    ChainConnection connection;
    ChainPort chain;
    JdbcAnchorRequests requests;
    List<AnchorConfirmed> confirmed = new CopyOnWriteArrayList<>();
    TransactionRelay relay;
    AnchorService anchors;

    @BeforeEach
    void chain() {
        anvil = ChainTestKit.anvil(dir, 0);
        db = ChainTestKit.database();
        settings = new ChainSettings(Optional.of(anvil.rpcUrl()), Optional.of(ChainSettings.DEV_KEY), Optional.empty(),
                dir, 2, Duration.ofMillis(200), Duration.ofSeconds(30), 1, ChainSettings.DEFAULT_SUPPLY);
        connection = new ChainConnection(settings, new JdbcDeployments(db), Web3jChain::connect, Clock.systemUTC());
        assertThat(connection.connect()).as(connection.network().lastError()).isTrue();
        chain = connection.ready().orElseThrow().chain();
        requests = new JdbcAnchorRequests(db);
        relay = relay(settings);
        anchors = new AnchorService();
        anchors.requests = requests;
        anchors.chain = connection;
    }

    @AfterEach
    void stop() {
        connection.close();
        anvil.close();
    }

    @Test
    void deploysOnceAndFindsTheContractsAgain() {
        var first = connection.network();
        assertThat(first.state()).isEqualTo("CONNECTED");
        assertThat(chain.hasCode(connection.ready().orElseThrow().anchor())).isTrue();
        assertThat(chain.hasCode(connection.ready().orElseThrow().token())).isTrue();

        ChainConnection again = new ChainConnection(settings, new JdbcDeployments(db), Web3jChain::connect, Clock.systemUTC());
        assertThat(again.connect()).isTrue();
        assertThat(again.network().anchorAddress()).isEqualTo(first.anchorAddress());
        assertThat(again.network().tokenAddress()).isEqualTo(first.tokenAddress());
        assertThat(chain.nonce(false)).as("two deployments, no more").isEqualTo(2);
        again.close();
    }

    @Test
    void anchorsABatchRootOnceAndTheContractVerifiesItsLeaves() {
        List<byte[]> transfers = transfers("batch-1", 5);
        TestMerkleTree tree = new TestMerkleTree(transfers);

        AnchorStatus queued = anchors.anchor(AnchorKind.LEDGER_BATCH, "batch-1", tree.root());
        assertThat(queued.state()).isEqualTo(State.PENDING);
        assertThat(anchors.anchor(AnchorKind.LEDGER_BATCH, "batch-1", tree.root()).requestedAt())
                .as("idempotent").isEqualTo(queued.requestedAt());
        assertThatThrownBy(() -> anchors.anchor(AnchorKind.LEDGER_BATCH, "batch-1", Bytes32.fromHex("01".repeat(32))))
                .isInstanceOf(HubException.class).hasMessageContaining("anchored with another root");

        AnchorStatus done = relayUntil(AnchorKind.LEDGER_BATCH, "batch-1", State.CONFIRMED);
        assertThat(done.transactionHash()).startsWith("0x");
        assertThat(chain.receipt(done.transactionHash())).get().extracting(ChainPort.Receipt::success).isEqualTo(true);
        assertThat(chain.blockNumber() - done.blockNumber() + 1).isGreaterThanOrEqualTo(2);
        assertThat(confirmed).singleElement().satisfies(e -> {
            assertThat(e.root()).isEqualTo(tree.root());
            assertThat(e.transactionHash()).isEqualTo(done.transactionHash());
        });

        for (byte[] transfer : transfers) {
            assertThat(anchors.verify(AnchorKind.LEDGER_BATCH, "batch-1", tree.leaf(transfer), tree.proof(transfer)).valid())
                    .isTrue();
        }
        byte[] stranger = transfers("other", 1).getFirst();
        assertThat(anchors.verify(AnchorKind.LEDGER_BATCH, "batch-1", tree.leaf(stranger), tree.proof(transfers.get(0)))
                .valid()).as("a leaf not in the batch").isFalse();
        assertThat(anchors.verify(AnchorKind.LEDGER_BATCH, "batch-1", tree.leaf(transfers.get(1)),
                tree.proof(transfers.get(0))).valid()).as("another leaf's proof").isFalse();
        assertThat(chain.verify(anchorAddress(), AnchorKind.VOTE_TALLY, "batch-1", tree.leaf(transfers.get(0)),
                tree.proof(transfers.get(0)))).as("the contract: another kind's batch").isFalse();
        assertThatThrownBy(() -> anchors.verify(AnchorKind.LEDGER_BATCH, "batch-2", tree.leaf(transfers.get(0)), List.of()))
                .isInstanceOf(HubException.class).hasMessageContaining("Nothing was anchored");
    }

    @Test
    void theContractRefusesASecondRootForABatch() {
        Bytes32 root = Bytes32.fromHex("aa".repeat(32));
        anchors.anchor(AnchorKind.VOTE_TALLY, "vote-7", root);
        relayUntil(AnchorKind.VOTE_TALLY, "vote-7", State.CONFIRMED);

        var anchor = connection.ready().orElseThrow().anchor();
        var tx = chain.signAnchor(anchor, AnchorKind.VOTE_TALLY, "vote-7", Bytes32.fromHex("bb".repeat(32)),
                chain.nonce(true), chain.gasPrice());
        assertThat(chain.send(tx.raw())).isEqualTo(ChainPort.SendOutcome.ACCEPTED);
        ChainPort.Receipt receipt = await().atMost(PATIENCE).until(() -> chain.receipt(tx.hash()), Optional::isPresent)
                .orElseThrow();
        assertThat(receipt.success()).as("reverted with AlreadyAnchored").isFalse();
        assertThat(chain.rootOf(anchor, AnchorKind.VOTE_TALLY, "vote-7")).get()
                .extracting(ChainPort.OnChainRoot::root).isEqualTo(root);
    }

    @Test
    void everyRootIsAnchoredExactlyOnceAcrossAChainOutage() {
        List<Bytes32> roots = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            roots.add(new Bytes32(TestMerkleTree.leafHash(("root-" + i).getBytes())));
        }
        for (int i = 0; i < 8; i++) {
            anchors.anchor(AnchorKind.LEDGER_BATCH, "outage-" + i, roots.get(i));
        }
        relay.tick(chain, ready()); // signs, stores and sends the first eight
        assertThat(requests.count(State.SUBMITTED)).isEqualTo(8);

        int port = anvil.port();
        anvil.close(); // mid-stream: some mined, some only in the mempool that dies with it
        for (int i = 8; i < 16; i++) {
            anchors.anchor(AnchorKind.LEDGER_BATCH, "outage-" + i, roots.get(i));
        }
        TransactionRelay.Outcome down = relay.tick(chain, ready());
        assertThat(down.chainError()).isNotNull();
        assertThat(requests.count(State.PENDING) + requests.count(State.SUBMITTED)).as("nothing dropped").isEqualTo(16);

        anvil = ChainTestKit.anvil(dir, port); // the same chain again, from its state file
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            relay.tick(chain, ready());
            return requests.count(State.CONFIRMED) == 16;
        });

        Set<String> transactions = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            AnchorRequest r = requests.byBatch(AnchorKind.LEDGER_BATCH, "outage-" + i).orElseThrow();
            assertThat(chain.rootOf(anchorAddress(), AnchorKind.LEDGER_BATCH, "outage-" + i)).get()
                    .extracting(ChainPort.OnChainRoot::root).isEqualTo(roots.get(i));
            transactions.add(r.transactionHash());
        }
        assertThat(transactions).hasSize(16);
        assertThat(chain.nonce(false)).as("2 deployments + 16 anchors: not one transaction more")
                .isEqualTo(BigInteger.valueOf(18));
        assertThat(confirmed).hasSize(16);
    }

    @Test
    void aTransactionStoredButNeverSentIsSentAgainUnchanged() {
        AtomicBoolean crashOnSend = new AtomicBoolean(true);
        ChainPort crashing = new ForwardingChain(chain) {
            @Override
            public SendOutcome send(String signedTransaction) {
                if (crashOnSend.getAndSet(false)) {
                    throw new ChainUnavailableException("the hub died before sending", null);
                }
                return super.send(signedTransaction);
            }
        };
        anchors.anchor(AnchorKind.ATTESTATION, "manifest-1", Bytes32.fromHex("cc".repeat(32)));
        relay.tick(crashing, ready());
        AnchorRequest stored = requests.byBatch(AnchorKind.ATTESTATION, "manifest-1").orElseThrow();
        assertThat(stored.state()).isEqualTo(State.SUBMITTED);
        assertThat(chain.knows(stored.transactionHash())).as("never reached the node").isFalse();

        TransactionRelay afterRestart = relay(settings);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            afterRestart.tick(chain, ready());
            return requests.count(State.CONFIRMED) == 1;
        });
        AnchorRequest done = requests.byBatch(AnchorKind.ATTESTATION, "manifest-1").orElseThrow();
        assertThat(done.transactionHash()).as("the very same transaction").isEqualTo(stored.transactionHash());
        assertThat(chain.nonce(false)).isEqualTo(BigInteger.valueOf(3));
    }

    @Test
    void aStuckTransactionIsReplacedWithMoreGasAndTheSameNonce() {
        ChainSettings impatient = new ChainSettings(settings.rpcUrl(), settings.signerKey(), Optional.empty(), dir, 2,
                Duration.ofMillis(200), Duration.ofSeconds(1), 1, ChainSettings.DEFAULT_SUPPLY);
        TransactionRelay relay = relay(impatient);
        rpc("evm_setIntervalMining", 0); // the chain stops making blocks: the transaction waits in the mempool
        anchors.anchor(AnchorKind.VOTE_TALLY, "vote-stuck", Bytes32.fromHex("dd".repeat(32)));
        relay.tick(chain, ready());
        AnchorRequest first = requests.byBatch(AnchorKind.VOTE_TALLY, "vote-stuck").orElseThrow();
        assertThat(first.state()).isEqualTo(State.SUBMITTED);

        AnchorRequest replaced = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            relay.tick(chain, ready());
            return requests.byBatch(AnchorKind.VOTE_TALLY, "vote-stuck").orElseThrow();
        }, r -> !r.transactionHash().equals(first.transactionHash()));
        assertThat(replaced.nonce()).isEqualTo(first.nonce());
        assertThat(replaced.gasPrice()).isGreaterThan(first.gasPrice());

        rpc("evm_setIntervalMining", 1);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            relay.tick(chain, ready());
            return requests.count(State.CONFIRMED) == 1;
        });
        assertThat(chain.nonce(false)).as("one anchor transaction mined, whichever version").isEqualTo(3);
        assertThat(chain.rootOf(anchorAddress(), AnchorKind.VOTE_TALLY, "vote-stuck")).isPresent();
    }

    @Test
    void theHubHoldsTheTokensInitialSupply() throws Exception {
        var token = connection.ready().orElseThrow().token();
        var balanceOf = new org.web3j.abi.datatypes.Function("balanceOf",
                List.of(new Address(chain.signer().value())), List.of(new org.web3j.abi.TypeReference<Uint256>() {
                }));
        var web3j = org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(anvil.rpcUrl()));
        try {
            String answer = web3j.ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
                    chain.signer().value(), token.value(), FunctionEncoder.encode(balanceOf)),
                    org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getValue();
            var decoded = org.web3j.abi.FunctionReturnDecoder.decode(answer, balanceOf.getOutputParameters());
            assertThat(decoded.getFirst().getValue()).isEqualTo(ChainSettings.DEFAULT_SUPPLY);
        } finally {
            web3j.shutdown();
        }
    }

    /** A raw JSON-RPC call to anvil, for its test-only methods. */
    private void rpc(String method, Object... params) {
        var request = new org.web3j.protocol.core.Request<>(method, List.of(params),
                new org.web3j.protocol.http.HttpService(anvil.rpcUrl()), org.web3j.protocol.core.methods.response.VoidResponse.class);
        try {
            var response = request.send();
            assertThat(response.hasError()).as(method).isFalse();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TransactionRelay relay(ChainSettings with) {
        return new TransactionRelay(with, Clock.systemUTC(), List.of(new AnchorSender(requests, confirmed::add)));
    }

    private ChainConnection.Ready ready() {
        return connection.ready().orElseThrow();
    }

    private ai.perspective.chain.EthereumAddress anchorAddress() {
        return connection.ready().orElseThrow().anchor();
    }

    private AnchorStatus relayUntil(AnchorKind kind, String reference, State state) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            relay.tick(chain, ready());
            return anchors.status(kind, reference).orElseThrow();
        }, s -> s.state() == state);
    }

    /** Leaves like a ledger batch's: abi.encode(address account, uint256 amount). */
    static List<byte[]> transfers(String seed, int count) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String account = "0x" + HexFormat.of().formatHex(TestMerkleTree.leafHash((seed + i).getBytes())).substring(0, 40);
            String encoded = FunctionEncoder.encodeConstructor(List.of(new Address(account),
                    new Uint256(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(i + 1)))));
            leaves.add(HexFormat.of().parseHex(encoded));
        }
        return leaves;
    }
}
