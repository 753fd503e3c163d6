package ai.perspective.chain.application;

import ai.perspective.chain.Anchors.ChainNetwork;
import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.devchain.AnvilProcess;
import ai.perspective.chain.domain.Deployment;
import ai.perspective.chain.domain.Deployments;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * The hub's link to its chain: starts the dev chain when there is no RPC URL, connects, and finds
 * or deploys the contracts (addresses kept per chain id). {@link #connect()} is one attempt; the
 * runtime calls it in the background until it succeeds, so the hub starts without a chain.
 */
public class ChainConnection implements ChainAccess, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChainConnection.class.getName());

    /** What the relay and the services need once connected. */
    public record Ready(ChainPort chain, EthereumAddress token, EthereumAddress anchor) {
    }

    private final ChainSettings settings;
    private final Deployments deployments;
    private final BiFunction<String, String, ChainPort> connector;
    private final Clock clock;

    private volatile AnvilProcess anvil;
    private volatile Ready ready;
    private volatile String state = "STARTING";
    private volatile String lastError;

    public ChainConnection(ChainSettings settings, Deployments deployments,
            BiFunction<String, String, ChainPort> connector, Clock clock) {
        this.settings = settings;
        this.deployments = deployments;
        this.connector = connector;
        this.clock = clock;
    }

    @Override
    public Optional<Ready> ready() {
        Ready current = ready;
        if (current != null && anvil != null && !anvil.alive()) {
            // the dev chain died: start it again (same state file) at the next attempt
            disconnect("the dev chain stopped");
            return Optional.empty();
        }
        return Optional.ofNullable(current);
    }

    /** One attempt to connect and deploy; false (and the reason in the status) when it failed. */
    public synchronized boolean connect() {
        if (ready().isPresent()) {
            return true;
        }
        ChainPort chain = null;
        try {
            String key = settings.signerKey().orElse(null);
            String url;
            if (settings.devChain()) {
                key = key == null ? ChainSettings.DEV_KEY : key;
                url = devChainUrl();
            } else if (key == null) {
                state = "MISCONFIGURED";
                lastError = "PERSPECTIVE_CHAIN_SIGNER_KEY is not set: the hub cannot sign anchors";
                return false;
            } else {
                url = settings.rpcUrl().orElseThrow();
            }
            chain = connector.apply(url, key);
            EthereumAddress token = contract(chain, Deployment.TOKEN);
            EthereumAddress anchor = contract(chain, Deployment.ANCHOR);
            ready = new Ready(chain, token, anchor);
            state = "CONNECTED";
            lastError = null;
            LOG.info("Chain " + chain.chainId() + " connected: token " + token + ", anchors " + anchor + ", hub "
                    + chain.signer());
            return true;
        } catch (RuntimeException e) {
            if (chain != null) {
                chain.close();
            }
            state = "UNREACHABLE";
            lastError = e.getMessage();
            return false;
        }
    }

    private String devChainUrl() {
        if (anvil == null || !anvil.alive()) {
            var binary = settings.anvil().orElseThrow(() -> new IllegalStateException(
                    "No chain configured: set PERSPECTIVE_CHAIN_RPC_URL (and PERSPECTIVE_CHAIN_SIGNER_KEY), "
                            + "or PERSPECTIVE_CHAIN_ANVIL for a local dev chain"));
            var dir = settings.dataDir().resolve("chain");
            anvil = AnvilProcess.start(binary, 0, settings.devBlockTimeSeconds(), dir.resolve("anvil-state.json"),
                    dir.resolve("anvil.log"));
            LOG.info("Dev chain (anvil) listening at " + anvil.rpcUrl());
        }
        return anvil.rpcUrl();
    }

    private EthereumAddress contract(ChainPort chain, String name) {
        Optional<Deployment> known = deployments.find(chain.chainId(), name);
        if (known.isPresent() && chain.hasCode(known.get().address())) {
            return known.get().address();
        }
        if (known.isPresent()) {
            LOG.warning(name + " is no longer at " + known.get().address() + " on chain " + chain.chainId()
                    + " (a reset dev chain?): deploying it again");
        }
        ChainPort.Deployed deployed = name.equals(Deployment.TOKEN)
                ? chain.deployToken(settings.initialSupply())
                : chain.deployAnchor();
        deployments.save(new Deployment(chain.chainId(), name, deployed.address(), deployed.transactionHash(),
                clock.instant()));
        LOG.info("Deployed " + name + " at " + deployed.address() + " on chain " + chain.chainId());
        return deployed.address();
    }

    /** Records that the chain stopped answering; the relay keeps queueing. */
    public void unreachable(String error) {
        lastError = error;
        if (ready != null) {
            state = "UNREACHABLE";
        }
    }

    public void reachable() {
        if (ready != null) {
            state = "CONNECTED";
            lastError = null;
        }
    }

    private void disconnect(String reason) {
        Ready current = ready;
        ready = null;
        if (current != null) {
            current.chain().close();
        }
        state = "UNREACHABLE";
        lastError = reason;
    }

    @Override
    public ChainNetwork network() {
        Ready current = ready;
        Long chainId = current == null ? null : current.chain().chainId();
        AnvilProcess dev = anvil;
        return new ChainNetwork(state, chainId, dev == null ? null : dev.rpcUrl(),
                current == null ? null : current.chain().signer().value(),
                current == null ? null : current.token().value(), current == null ? null : current.anchor().value(),
                settings.confirmations(), lastError);
    }

    @Override
    public synchronized void close() {
        disconnect("the hub stopped");
        if (anvil != null) {
            anvil.close();
            anvil = null;
        }
    }
}
