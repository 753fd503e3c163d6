package ai.perspective.chain.application;

import ai.perspective.chain.AnchorConfirmed;
import ai.perspective.chain.DepositConfirmed;
import ai.perspective.chain.WithdrawalConfirmed;
import ai.perspective.chain.WithdrawalFailed;
import ai.perspective.chain.domain.DepositRecords;
import ai.perspective.chain.domain.WalletRecords;
import ai.perspective.chain.domain.WithdrawalRecords;
import java.util.List;
import ai.perspective.chain.Anchors.ChainNetwork;
import ai.perspective.chain.domain.AnchorRequests;
import ai.perspective.chain.domain.Deployments;
import ai.perspective.chain.web3j.Web3jChain;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the chain side of the hub in the background: connects (starting the dev chain if need be)
 * and deploys with growing pauses between attempts, then drives the relay of the hub's own
 * transactions (anchors, withdrawals), the deposit watcher and the delivery of their outcomes to
 * the ledger. Start-up of
 * the hub never waits for any of it.
 */
@ApplicationScoped
public class ChainRuntime implements ChainAccess {

    private static final Logger LOG = Logger.getLogger(ChainRuntime.class.getName());
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    AnchorRequests requests;
    @Inject
    Deployments deployments;
    @Inject
    Event<AnchorConfirmed> anchorConfirmed;
    @Inject
    WithdrawalRecords withdrawals;
    @Inject
    DepositRecords deposits;
    @Inject
    WalletRecords wallets;
    @Inject
    Event<DepositConfirmed> depositConfirmed;
    @Inject
    Event<WithdrawalConfirmed> withdrawalConfirmed;
    @Inject
    Event<WithdrawalFailed> withdrawalFailed;

    private ChainSettings settings;
    private ChainConnection connection;
    private TransactionRelay relay;
    private DepositWatcher watcher;
    private FundsDelivery delivery;
    private ScheduledFuture<?> loop;
    private Instant nextConnectAttempt = Instant.EPOCH;
    private int failedConnects;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Path dataDir = Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")),
                "perspective");
        settings = ChainSettings.from(System.getenv(), dataDir);
        connection = new ChainConnection(settings, deployments, Web3jChain::connect, Clock.systemUTC());
        relay = new TransactionRelay(settings, Clock.systemUTC(), List.of(
                new AnchorSender(requests, anchorConfirmed::fire), new WithdrawalSender(withdrawals)));
        watcher = new DepositWatcher(deposits, wallets, deployments, settings, Clock.systemUTC());
        delivery = new FundsDelivery(deposits, withdrawals, depositConfirmed::fire, withdrawalConfirmed::fire,
                withdrawalFailed::fire, Clock.systemUTC());
        LOG.info("Chain: " + settings);
        loop = scheduler.scheduleWithFixedDelay(this::step, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One step of the background loop: connect if not connected (with backoff), else relay. */
    private void step() {
        try {
            Optional<ChainConnection.Ready> ready = connection.ready();
            if (ready.isEmpty()) {
                if (Instant.now().isBefore(nextConnectAttempt)) {
                    return;
                }
                if (connection.connect()) {
                    failedConnects = 0;
                } else {
                    failedConnects++;
                    Duration wait = Duration.ofSeconds(1L << Math.min(failedConnects, 5));
                    nextConnectAttempt = Instant.now().plus(wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait);
                    if (failedConnects == 1 || failedConnects % 10 == 0) {
                        LOG.warning("Chain not available yet (" + connection.network().lastError()
                                + "); anchors wait in the outbox");
                    }
                }
                return;
            }
            ChainConnection.Ready chain = ready.get();
            TransactionRelay.Outcome outcome = relay.tick(chain.chain(), chain);
            if (outcome.chainError() != null) {
                connection.unreachable(outcome.chainError());
                return;
            }
            if (outcome.looked() > 0) {
                connection.reachable();
            }
            try {
                watcher.tick(chain.chain(), chain);
            } catch (ChainUnavailableException e) {
                connection.unreachable(e.getMessage());
            }
            delivery.deliver(chain.chain().chainId(), chain);
        } catch (RuntimeException e) {
            // never let the loop die: the scheduler would not run it again
            LOG.log(Level.WARNING, "Chain loop step failed", e);
        }
    }

    @Override
    public Optional<ChainConnection.Ready> ready() {
        return connection == null ? Optional.empty() : connection.ready();
    }

    @Override
    public ChainNetwork network() {
        return connection == null
                ? new ChainNetwork("STARTING", null, null, null, null, null, 0, null)
                : connection.network();
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.cancel(false);
        }
        if (connection != null) {
            connection.close();
        }
    }
}
