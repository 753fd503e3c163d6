package ai.perspective.routing.application;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.catalog.ModelsChanged;
import ai.perspective.routing.Router;
import ai.perspective.routing.RoutingCalibration;
import ai.perspective.routing.RoutingProfile;
import ai.perspective.routing.RoutingSetup;
import ai.perspective.routing.domain.DecisionLog;
import ai.perspective.shared.JsonText;
import ai.perspective.vault.Contribution;
import ai.perspective.vault.Vault;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the router configured with the published chat models, always off the request path: once
 * at start-up (in the background; the hub serves meanwhile and {@code perspective/auto} answers
 * 503 until it is done), and again shortly after the catalog or the general model changes
 * (changes within {@link #DEBOUNCE} are configured together). After the first configuration the
 * ratings stored in the vault are replayed into the router.
 *
 * <p>The general model is the one an administrator chose while it is a published chat model;
 * otherwise the most used published chat model (ties: the lowest id), so that a new hub routes
 * as soon as it has a chat model.
 */
@ApplicationScoped
public class RoutingConfigurer {

    static final String GENERAL_MODEL = "general-model";
    static final Duration DEBOUNCE = Duration.ofMillis(300);
    private static final Logger LOG = Logger.getLogger(RoutingConfigurer.class.getName());

    @Inject
    Router router;
    @Inject
    Catalog catalog;
    @Inject
    DecisionLog log;
    @Inject
    Vault vault;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean replayed;
    private volatile String state = "configuring: the published chat models are being embedded";

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        reconfigureSoon();
    }

    void onCatalogChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) ModelsChanged changed) {
        reconfigureSoon();
    }

    /** Configures in the background after {@link #DEBOUNCE}; at most one run is waiting at a time. */
    public void reconfigureSoon() {
        if (scheduled.compareAndSet(false, true)) {
            scheduler.schedule(this::run, DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Where configuration stands, for the Routing page. */
    public String state() {
        return state;
    }

    private synchronized void run() {
        scheduled.set(false);
        try {
            configureNow();
        } catch (RuntimeException e) {
            state = "failed: " + e.getMessage() + " (retried on the next catalog change)";
            LOG.log(Level.SEVERE, "Could not configure the router", e);
        }
    }

    void configureNow() {
        List<Catalog.ModelCard> chat = catalog.published().stream()
                .filter(m -> m.tasks().contains(Catalog.Task.CHAT) && m.serving() instanceof Catalog.ExternalEndpoint)
                .toList();
        if (chat.isEmpty()) {
            state = "no published chat model: perspective/auto cannot answer";
            return;
        }
        List<RoutingProfile> profiles = chat.stream()
                .map(m -> new RoutingProfile(m.id(), m.title() + "\n" + m.description(), m.examplePrompts(),
                        m.inputPricePerMillion().add(m.outputPricePerMillion()), Duration.ZERO, 0))
                .toList();
        ModelId general = generalModel(chat);
        long started = System.nanoTime();
        RoutingCalibration calibration = router.configure(new RoutingSetup(profiles, general));
        state = "ready: %d chat model%s, general model %s, configured in %d ms (%s)".formatted(profiles.size(),
                profiles.size() == 1 ? "" : "s", general, (System.nanoTime() - started) / 1_000_000,
                Double.isFinite(calibration.threshold()) ? "threshold %.3f".formatted(calibration.threshold())
                        : "no threshold yet: too few example prompts to calibrate");
        LOG.info("Router configured: " + state);
        if (!replayed) {
            replayed = true;
            replayFeedback();
        }
    }

    private ModelId generalModel(List<Catalog.ModelCard> chat) {
        Optional<ModelId> chosen = log.setting(GENERAL_MODEL).map(ModelId::parse);
        if (chosen.isPresent() && chat.stream().anyMatch(m -> m.id().equals(chosen.get()))) {
            return chosen.get();
        }
        return chat.stream().max(Comparator.comparingLong(Catalog.ModelCard::calls)
                .thenComparing(m -> m.id().toString(), Comparator.reverseOrder())).orElseThrow().id();
    }

    /** Ratings given before this start, from their owners' vaults: the router forgets everything on restart. */
    private void replayFeedback() {
        int learned = 0;
        List<Contribution> stored = vault.all(Vault.ROUTING_FEEDBACK);
        for (Contribution c : stored) {
            try {
                JsonObject rating = JsonText.readObject(c.content());
                String prompt = rating.getString("prompt", null);
                if (prompt != null && router.learn(prompt, ModelId.parse(rating.getString("model")), rating.getBoolean("helpful"))) {
                    learned++;
                }
            } catch (RuntimeException e) {
                LOG.warning("Skipped stored rating " + c.id() + ": " + e.getMessage());
            }
        }
        if (!stored.isEmpty()) {
            LOG.info("Replayed " + learned + " of " + stored.size() + " stored ratings into the router");
        }
    }
}
