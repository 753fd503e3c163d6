package ai.perspective.catalog.persistence;

import ai.perspective.catalog.Catalog.Facet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Facet counts of recent searches, kept while the index stays as it was when they were counted.
 * Counting facets visits every matching document (90,000 for the catalog's landing page at 100k
 * models), while a page of hits is cheap; the same filters come back with another sort or page,
 * and the landing page comes back all the time. The index state is an opaque value that changes
 * whenever a document is added, changed or removed (the identities of the index reader's segments),
 * so an entry never outlives the data it counted; any change empties the cache.
 */
final class FacetCache {

    /** What the counts depend on: the filters and the text, not the sort or the page. */
    record Key(String text, Object tasks, Object licences, Object creators, Object maxInputPrice) {
    }

    record Counts(List<Facet> tasks, List<Facet> licences, List<Facet> creators) {
    }

    private final int capacity;
    private Object state;
    private final Map<Key, Counts> entries;

    FacetCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Counts> eldest) {
                return size() > FacetCache.this.capacity;
            }
        };
    }

    /** The counts for this key if they were counted on an index in {@code state}; null if not. */
    synchronized Counts get(Object state, Key key) {
        return Objects.equals(this.state, state) ? entries.get(key) : null;
    }

    /**
     * Keeps counts taken on an index at least as new as {@code state} (the state is read before the
     * search, and the index only moves forward). A new state drops every older entry.
     */
    synchronized void put(Object state, Key key, Counts counts) {
        if (!Objects.equals(this.state, state)) {
            entries.clear();
            this.state = state;
        }
        entries.put(key, counts);
    }

    synchronized int size() {
        return entries.size();
    }
}
