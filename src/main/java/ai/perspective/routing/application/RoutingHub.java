package ai.perspective.routing.application;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.identity.AccountId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.identity.Role;
import ai.perspective.routing.Feedback;
import ai.perspective.routing.Ratings;
import ai.perspective.routing.RoutedCall;
import ai.perspective.routing.Router;
import ai.perspective.routing.RoutingAdmin;
import ai.perspective.routing.domain.DecisionLog;
import ai.perspective.shared.HubException;
import ai.perspective.shared.JsonText;
import ai.perspective.vault.Contribution;
import ai.perspective.vault.Vault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.transaction.Transactional;
import java.util.Objects;
import java.util.Optional;

/** The Routing page's use cases and users' ratings of routed answers. */
@ApplicationScoped
@Transactional
public class RoutingHub implements RoutingAdmin, Ratings {

    static final int MAX_REASON = 500;
    private static final JsonProvider JSON_P = JsonProvider.provider();

    @Inject
    DecisionLog log;
    @Inject
    Router router;
    @Inject
    RoutingConfigurer configurer;
    @Inject
    Catalog catalog;
    @Inject
    Vault vault;
    @Inject
    CurrentAccount caller;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ModelId> generalModelSetting() {
        return log.setting(RoutingConfigurer.GENERAL_MODEL).map(ModelId::parse);
    }

    @Override
    public void setGeneralModel(ModelId model) {
        AccountId admin = requireAdmin();
        if (model == null) {
            throw HubException.invalid("generalModel", "missing-field", "Name the general model, e.g. 'acme/assistant'.");
        }
        boolean chat = catalog.route(model).map(r -> r.tasks().contains(Catalog.Task.CHAT)
                && r.serving() instanceof Catalog.ExternalEndpoint).orElse(false);
        if (!chat) {
            throw HubException.invalid("generalModel", "not-a-chat-model",
                    "The general model must be a published chat model; " + model + " is not.");
        }
        log.putSetting(RoutingConfigurer.GENERAL_MODEL, model.toString(), admin);
        configurer.reconfigureSoon();
    }

    @Override
    public void record(RoutedCall call) {
        log.add(call);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Overview overview() {
        requireAdmin();
        return new Overview(router.routed(), configurer.state(), log.figures());
    }

    @Override
    public Rated rate(AccountId rater, Rating rating) {
        if (rater == null) {
            throw new HubException(HubException.Kind.UNAUTHENTICATED, "not-signed-in", null, "Sign in or send an API key to rate answers.");
        }
        if (rating == null || rating.response() == null) {
            throw HubException.invalid("responseId", "missing-field", "Name the response you rate: its X-Request-Id.");
        }
        String reason = rating.reason() == null || rating.reason().isBlank() ? null : rating.reason().strip();
        if (reason != null && (reason.length() > MAX_REASON || reason.chars().anyMatch(Character::isISOControl))) {
            throw HubException.invalid("reason", "invalid-reason", "The reason is one line of at most " + MAX_REASON + " characters.");
        }
        DecisionLog.Stored stored = log.find(rating.response()).orElseThrow(() -> HubException.notFound("unknown-response",
                "No perspective/auto response has the id " + rating.response() + ": only answers the hub routed can be rated."));
        if (!stored.account().equals(rater)) {
            throw HubException.forbidden("The response " + rating.response() + " is not yours: you can rate only your own answers.");
        }
        if (stored.answered() == null) {
            throw HubException.conflict(null, "response-unanswered",
                    "No model answered the response " + rating.response() + ", so there is nothing to rate.");
        }
        ModelId answered = ModelId.parse(stored.answered());
        if (rating.model() != null && !rating.model().equals(answered)) {
            throw HubException.invalid("model", "wrong-model", "The response " + rating.response() + " was answered by "
                    + answered + ", not " + rating.model() + ".");
        }
        String reference = rating.response().toString();
        Optional<Contribution> before = vault.find(rater, Vault.ROUTING_FEEDBACK, reference);
        if (before.isPresent()) {
            JsonObject previous = JsonText.readObject(before.get().content());
            boolean helpful = previous.getBoolean("helpful");
            String previousReason = previous.getString("reason", null);
            if (helpful != rating.helpful() || (reason != null && !reason.equals(previousReason))) {
                throw HubException.conflict(null, "already-rated", "You rated the response " + reference + " already ("
                        + (helpful ? "helpful" : "not helpful") + "); a rating cannot be changed.");
            }
            return new Rated(rating.response(), answered, helpful, previousReason, false, false);
        }
        Optional<String> prompt = router.prompt(rating.response());
        JsonObjectBuilder content = JSON_P.createObjectBuilder().add("response", reference).add("model", answered.toString())
                .add("helpful", rating.helpful());
        prompt.ifPresent(p -> content.add("prompt", p));
        if (reason != null) {
            content.add("reason", reason);
        }
        vault.contribute(rater, Vault.ROUTING_FEEDBACK, reference, content.build().toString());
        log.rate(rating.response(), rating.helpful());
        boolean learned = router.feedback(new Feedback(rating.response(), answered, rating.helpful()));
        return new Rated(rating.response(), answered, rating.helpful(), reason, true, learned);
    }

    private AccountId requireAdmin() {
        AccountId account = caller.require();
        if (!caller.hasRole(Role.ADMIN)) {
            throw HubException.forbidden("Only administrators manage routing.");
        }
        return Objects.requireNonNull(account);
    }
}
