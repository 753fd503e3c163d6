package ai.perspective.catalog.application;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.catalog.ModelsChanged;
import ai.perspective.catalog.domain.Creator;
import ai.perspective.catalog.domain.Creators;
import ai.perspective.catalog.domain.Handles;
import ai.perspective.catalog.domain.Model;
import ai.perspective.catalog.domain.ModelSpec;
import ai.perspective.catalog.domain.Models;
import ai.perspective.identity.AccountId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.identity.Identity;
import ai.perspective.identity.Role;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog's use cases. Input is validated in full before anything is written; every change
 * runs in one transaction, so a failure leaves neither a half-made model nor an orphan handle.
 */
@ApplicationScoped
@Transactional
public class CatalogService implements Catalog {

    static final int MAX_PAGE = 100;
    static final int MAX_OFFSET = 10_000;
    static final int MAX_QUERY = 200;
    static final int MAX_REASON = 500;

    @Inject
    Models models;
    @Inject
    Creators creators;
    @Inject
    CurrentAccount caller;
    @Inject
    Identity identity;
    @Inject
    SecretKeys keys;
    @Inject
    PublishedCache cache;
    @Inject
    Event<ModelChanged> changed;
    @Inject
    Event<ModelsChanged> modelsChanged;

    Clock clock = Clock.systemUTC();

    @Override
    public ModelCard create(ModelDraft draft) {
        AccountId account = requireRole(Role.CREATOR, "Only creators can publish models: ask an administrator for the CREATOR role.");
        // the name first: it is the first field of the form, so the first error a person sees
        String name = ModelSpec.name(draft == null ? null : draft.name());
        ModelSpec spec = ModelSpec.of(draft);
        String secret = ModelSpec.secret(draft.upstreamSecret(), spec.serving());
        requireBuiltInRights(spec);
        Creator creator = creatorFor(account);
        ModelId id = new ModelId(creator.handle(), name);
        if (models.byId(id).isPresent()) {
            throw duplicate(id);
        }
        Model model = new Model(id, account, spec, clock.instant());
        if (secret != null && !secret.isEmpty()) {
            model.replaceSecret(keys.cipher().encrypt(secret, id.toString()), clock.instant());
        }
        try {
            models.add(model);
        } catch (PersistenceException e) {
            // the same creator created the same name concurrently: the primary key decided
            throw duplicate(id);
        }
        return card(model, creator.displayName());
    }

    @Override
    public ModelCard update(ModelId id, ModelDraft draft) {
        requireRole(Role.CREATOR, "Only creators can edit models.");
        Model model = own(id);
        ModelSpec spec = ModelSpec.of(draft);
        if (draft.name() != null && !draft.name().strip().equals(id.name())) {
            throw HubException.invalid("name", "name-immutable",
                    "A model's name is part of its id and cannot change; create a new model instead.");
        }
        String secret = ModelSpec.secret(draft.upstreamSecret(), spec.serving());
        requireBuiltInRights(spec);
        model.edit(spec, clock.instant());
        if (secret != null) {
            model.replaceSecret(secret.isEmpty() ? null : keys.cipher().encrypt(secret, id.toString()), clock.instant());
        }
        changed.fire(new ModelChanged(id));
        modelsChanged.fire(new ModelsChanged(id));
        return card(model);
    }

    @Override
    public ModelCard publish(ModelId id) {
        requireRole(Role.CREATOR, "Only creators can publish models.");
        Model model = own(id);
        model.publish(clock.instant());
        changed.fire(new ModelChanged(id));
        modelsChanged.fire(new ModelsChanged(id));
        return card(model);
    }

    @Override
    public ModelCard unpublish(ModelId id) {
        // no role needed: a creator whose role was taken away can still withdraw their models
        Model model = own(id);
        model.unpublish(clock.instant());
        changed.fire(new ModelChanged(id));
        modelsChanged.fire(new ModelsChanged(id));
        return card(model);
    }

    @Override
    public ModelCard delist(ModelId id, String reason) {
        requireRole(Role.ADMIN, "Only administrators can delist models.");
        if (reason == null || reason.isBlank()) {
            throw HubException.invalid("reason", "missing-field", "Say why the model is delisted; its creator sees the reason.");
        }
        if (reason.strip().length() > MAX_REASON || reason.chars().anyMatch(Character::isISOControl)) {
            throw HubException.invalid("reason", "invalid-text", "The reason is up to " + MAX_REASON + " characters on one line.");
        }
        Model model = existing(id);
        model.delist(reason.strip(), clock.instant());
        changed.fire(new ModelChanged(id));
        modelsChanged.fire(new ModelsChanged(id));
        return card(model);
    }

    @Override
    public ModelCard reinstate(ModelId id) {
        requireRole(Role.ADMIN, "Only administrators can reinstate models.");
        Model model = existing(id);
        model.reinstate(clock.instant());
        changed.fire(new ModelChanged(id));
        modelsChanged.fire(new ModelsChanged(id));
        return card(model);
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public Optional<ModelCard> model(ModelId id) {
        return models.byId(id).filter(this::visible).map(this::card);
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public List<ModelCard> myModels() {
        AccountId account = caller.require();
        String name = creators.byAccount(account).map(Creator::displayName).orElse("");
        return models.ofCreator(account).stream().map(m -> card(m, name)).toList();
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public SearchResult search(SearchQuery query) {
        SearchQuery checked = checked(query);
        Models.Page page = models.search(checked);
        // a page of search hits leaves the example prompts out: up to 200 per model would bloat every page
        List<ModelCard> cards = cards(page.models()).stream().map(CatalogService::withoutExamples).toList();
        return new SearchResult(cards, page.total(), page.tasks(), page.licences(), page.creators());
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public List<ModelCard> published() {
        return cards(models.published());
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public List<Listed> listed() {
        return cache.listed(models::listed);
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public Optional<Route> route(ModelId id) {
        return cache.route(id, () -> models.byId(id).filter(m -> m.status() == Status.PUBLISHED).map(this::route));
    }

    @Override
    @Transactional(TxType.SUPPORTS)
    public Optional<String> creatorHandle(AccountId account) {
        return creators.byAccount(account).map(Creator::handle);
    }

    @Override
    public void recordCalls(ModelId id, long calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must not be negative");
        }
        if (calls > 0) {
            models.addCalls(id, calls);
        }
    }

    private Route route(Model m) {
        String secret = m.secretCiphertext() == null ? null : keys.cipher().decrypt(m.secretCiphertext(), m.id().toString());
        return new Route(m.id(), m.creator(), m.serving(), secret, m.tasks(), m.contextLength(), m.inputPrice(),
                m.outputPrice());
    }

    private boolean visible(Model m) {
        if (m.status() == Status.PUBLISHED) {
            return true;
        }
        Optional<AccountId> account = signedIn();
        return account.isPresent() && (m.isOwnedBy(account.get()) || caller.hasRole(Role.ADMIN));
    }

    /** The caller's own model; others' drafts do not exist for them, others' published models are not theirs to change. */
    private Model own(ModelId id) {
        AccountId account = caller.require();
        Model model = models.byId(id).orElseThrow(() -> notFound(id));
        if (!model.isOwnedBy(account)) {
            if (model.status() == Status.PUBLISHED) {
                throw HubException.forbidden("Only the creator of " + id + " can change it.");
            }
            throw notFound(id);
        }
        return model;
    }

    private Model existing(ModelId id) {
        return models.byId(id).orElseThrow(() -> notFound(id));
    }

    private Creator creatorFor(AccountId account) {
        return creators.byAccount(account).orElseGet(() -> {
            String displayName = identity.account(account).map(Identity.AccountSummary::displayName)
                    .orElseThrow(() -> HubException.notFound("account-not-found", "Your account no longer exists."));
            String base = Handles.slug(displayName);
            Creator creator = new Creator(account, Handles.unique(base, creators.handlesLike(base)), displayName,
                    clock.instant());
            try {
                creators.add(creator);
            } catch (PersistenceException e) {
                throw new HubException(HubException.Kind.CONFLICT, "handle-taken", null,
                        "Another creator took the handle '" + creator.handle() + "' at the same moment; try again.");
            }
            return creator;
        });
    }

    /**
     * The caller if signed in. Every account has USER; checking it first keeps an anonymous request
     * (whose server principal is not an account id) from reaching {@link CurrentAccount#id()}.
     */
    private Optional<AccountId> signedIn() {
        return caller.hasRole(Role.USER) ? caller.id() : Optional.empty();
    }

    private AccountId requireRole(Role role, String why) {
        AccountId account = caller.require();
        if (!caller.hasRole(role)) {
            throw HubException.forbidden(why);
        }
        return account;
    }

    /** Built-in engines run on the hub's own CPU: only its administrators decide to offer one. */
    private void requireBuiltInRights(ModelSpec spec) {
        if (spec.serving() instanceof BuiltIn && !caller.hasRole(Role.ADMIN)) {
            throw HubException.forbidden("Only administrators can offer a built-in model: it runs on the hub itself.");
        }
    }

    static SearchQuery checked(SearchQuery query) {
        SearchQuery q = query == null ? new SearchQuery(null, null, null, null, null, null, 0, 20) : query;
        if (q.offset() < 0 || q.offset() > MAX_OFFSET) {
            throw HubException.invalid("offset", "invalid-page", "Use 0 <= offset <= " + MAX_OFFSET + "; narrow the search to go further.");
        }
        if (q.limit() < 1 || q.limit() > MAX_PAGE) {
            throw HubException.invalid("limit", "invalid-page", "Use 1 <= limit <= " + MAX_PAGE + ".");
        }
        String text = q.text() == null || q.text().isBlank() ? null : q.text().strip();
        if (text != null && text.length() > MAX_QUERY) {
            throw HubException.invalid("q", "query-too-long", "A search has at most " + MAX_QUERY + " characters.");
        }
        if (q.maxInputPricePerMillion() != null && q.maxInputPricePerMillion().signum() < 0) {
            throw HubException.invalid("maxInputPrice", "invalid-price", "A maximum price cannot be negative.");
        }
        return new SearchQuery(text, q.tasks() == null ? Set.of() : Set.copyOf(q.tasks()),
                q.licences() == null ? Set.of() : Set.copyOf(q.licences()),
                q.creators() == null ? Set.of() : Set.copyOf(q.creators()),
                q.maxInputPricePerMillion(), q.sort() == null ? Sort.RELEVANCE : q.sort(), q.offset(), q.limit());
    }

    /** Cards of a page of models, their creators' names read in one query rather than one per creator. */
    private List<ModelCard> cards(List<Model> page) {
        Map<AccountId, String> names = new HashMap<>();
        creators.byAccounts(page.stream().map(Model::creator).toList())
                .forEach(c -> names.put(c.account(), c.displayName()));
        return page.stream().map(m -> card(m, names.getOrDefault(m.creator(), ""))).toList();
    }

    private ModelCard card(Model m) {
        return card(m, creators.byAccount(m.creator()).map(Creator::displayName).orElse(""));
    }

    private static ModelCard withoutExamples(ModelCard c) {
        return new ModelCard(c.id(), c.creator(), c.creatorName(), c.title(), c.description(), c.tasks(), c.licence(),
                c.contextLength(), c.inputPricePerMillion(), c.outputPricePerMillion(), c.status(), c.serving(), c.calls(),
                c.createdAt(), c.updatedAt(), List.of());
    }

    private static ModelCard card(Model m, String creatorName) {
        return new ModelCard(m.id(), m.creator(), creatorName, m.title(), m.description(),
                m.tasks().isEmpty() ? EnumSet.noneOf(Task.class) : m.tasks(), m.licence(), m.contextLength(),
                m.inputPrice(), m.outputPrice(), m.status(), m.serving(), m.calls(), m.createdAt(), m.updatedAt(),
                m.examplePrompts());
    }

    private static HubException notFound(ModelId id) {
        return HubException.notFound("model-not-found", "There is no model " + id + ".");
    }

    private static HubException duplicate(ModelId id) {
        return HubException.invalid("name", "duplicate-model", "You already have a model called '" + id.name()
                + "' (" + id + "); pick another name or edit that one.");
    }
}
