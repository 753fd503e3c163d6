package ai.perspective.catalog.application;

import ai.perspective.catalog.ModelId;

/** Inside the catalog: a model's card or status changed, so what the cache holds for it is stale. */
record ModelChanged(ModelId id) {
}
