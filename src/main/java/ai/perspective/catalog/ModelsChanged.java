package ai.perspective.catalog;

/**
 * Published after a model's card or status changed (created models are drafts: nothing is
 * published for them). Observers re-read {@link Catalog#published()}, e.g. the Routing AI.
 */
public record ModelsChanged(ModelId model) {
}
