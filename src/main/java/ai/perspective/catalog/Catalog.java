package ai.perspective.catalog;

import ai.perspective.identity.AccountId;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog module's API: model cards creators publish, and what the gateway needs to call them.
 *
 * <p>Prices are POV base units (18 decimals on chain) per one million tokens. Bad input, missing
 * rights and unknown models are {@link ai.perspective.shared.HubException}s.
 */
public interface Catalog {

    /** Creates a draft owned by the caller (role CREATOR). */
    ModelCard create(ModelDraft draft);

    /** Replaces the editable fields of the caller's own model; a null secret keeps the stored one. */
    ModelCard update(ModelId id, ModelDraft draft);

    /** Makes the caller's model callable and findable. */
    ModelCard publish(ModelId id);

    /** Takes the caller's model off the catalog and the API; it can be published again. */
    ModelCard unpublish(ModelId id);

    /** Admins (and later governance) remove a model from the hub; only an admin can reinstate it. */
    ModelCard delist(ModelId id, String reason);

    /** Admins lift a delisting: the model returns to draft, and its creator may publish it again. */
    ModelCard reinstate(ModelId id);

    /** A published model for anyone; the creator's own model in any status. */
    Optional<ModelCard> model(ModelId id);

    /** The caller's own models, newest first. */
    List<ModelCard> myModels();

    /** Full-text search with facets over published models. */
    SearchResult search(SearchQuery query);

    /**
     * Every published model (for {@code GET /v1/models} and the Routing AI, which reads it again
     * after each {@link ModelsChanged}), ordered by id.
     */
    List<ModelCard> published();

    /**
     * Every published model's id and creation time, ordered by id ({@code GET /v1/models}): kept in
     * memory, loaded again after a model changes. The same list instance comes back until then.
     */
    List<Listed> listed();

    /**
     * How to call a published model, with the upstream secret decrypted: for the gateway only,
     * never shown or logged. Empty for unknown, draft or delisted models. Cheap enough for every
     * request (kept in memory, refreshed when the model changes).
     */
    Optional<Route> route(ModelId id);

    /** The account's creator handle (the first half of its model ids), once it has created a model. */
    Optional<String> creatorHandle(AccountId account);

    /**
     * Adds calls to a model's usage figure ("most used" sorts by it). For the gateway, which reports
     * them in batches after metering; unknown models are ignored.
     */
    void recordCalls(ModelId id, long calls);

    enum Status { DRAFT, PUBLISHED, DELISTED }

    enum Task { CHAT, EMBEDDINGS, CLASSIFICATION, COMPLETION, RERANK, VISION }

    /** How a model is served. */
    sealed interface Serving permits ExternalEndpoint, BuiltIn {
    }

    /** An OpenAI-compatible endpoint the creator hosts; its API secret is stored encrypted. */
    record ExternalEndpoint(URI baseUrl, String upstreamModel) implements Serving {
    }

    /** A model served inside the hub, e.g. {@code all-MiniLM-L6-v2}. */
    record BuiltIn(String engine) implements Serving {
    }

    /**
     * What a creator fills in. {@code upstreamSecret} is write-only: never returned.
     * {@code examplePrompts} are requests the model is good at (the Routing AI learns from them);
     * null or empty for none.
     */
    record ModelDraft(String name, String title, String description, Set<Task> tasks, String licence,
            int contextLength, BigInteger inputPricePerMillion, BigInteger outputPricePerMillion,
            Serving serving, String upstreamSecret, List<String> examplePrompts) {

        /** A draft without example prompts. */
        public ModelDraft(String name, String title, String description, Set<Task> tasks, String licence,
                int contextLength, BigInteger inputPricePerMillion, BigInteger outputPricePerMillion,
                Serving serving, String upstreamSecret) {
            this(name, title, description, tasks, licence, contextLength, inputPricePerMillion, outputPricePerMillion,
                    serving, upstreamSecret, List.of());
        }
    }

    record ModelCard(ModelId id, AccountId creator, String creatorName, String title, String description,
            Set<Task> tasks, String licence, int contextLength, BigInteger inputPricePerMillion,
            BigInteger outputPricePerMillion, Status status, Serving serving, long calls,
            Instant createdAt, Instant updatedAt, List<String> examplePrompts) {

        public ModelCard {
            examplePrompts = examplePrompts == null ? List.of() : List.copyOf(examplePrompts);
        }
    }

    /** A published model as {@code GET /v1/models} lists it (its creator is the first half of its id). */
    record Listed(ModelId id, Instant createdAt) {
    }

    /** What the gateway needs for one call. */
    record Route(ModelId id, AccountId creator, Serving serving, String upstreamSecret, Set<Task> tasks,
            int contextLength, BigInteger inputPricePerMillion, BigInteger outputPricePerMillion) {
    }

    enum Sort { RELEVANCE, MOST_USED, NEWEST, CHEAPEST }

    /** All filters optional; {@code text} searches title, description and tags. */
    record SearchQuery(String text, Set<Task> tasks, Set<String> licences, Set<String> creators,
            BigInteger maxInputPricePerMillion, Sort sort, int offset, int limit) {
    }

    record Facet(String value, long count) {
    }

    record SearchResult(List<ModelCard> models, long total, List<Facet> tasks, List<Facet> licences,
            List<Facet> creators) {
    }
}
