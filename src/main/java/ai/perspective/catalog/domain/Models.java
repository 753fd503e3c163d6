package ai.perspective.catalog.domain;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.identity.AccountId;
import java.util.List;
import java.util.Optional;

/** All model cards of the hub. */
public interface Models {

    Optional<Model> byId(ModelId id);

    /** Stores at once, so an id taken concurrently fails here, not at commit. */
    void add(Model model);

    /** The creator's models, newest first. */
    List<Model> ofCreator(AccountId creator);

    /** Every published model, by id. */
    List<Model> published();

    /** Every published model's id and creation time, by id: without loading the models. */
    List<Catalog.Listed> listed();

    /** Adds to a model's usage count without loading it (the gateway reports calls in batches). */
    void addCalls(ModelId id, long calls);

    /** Full text and facets over published models; {@link Catalog.SearchQuery} is already checked. */
    Page search(Catalog.SearchQuery query);

    record Page(List<Model> models, long total, List<Catalog.Facet> tasks, List<Catalog.Facet> licences,
            List<Catalog.Facet> creators) {
    }
}
