package ai.perspective.catalog.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.catalog.Catalog.Facet;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FacetCacheTest {

    private static final FacetCache.Key LANDING = new FacetCache.Key(null, Set.of(), Set.of(), Set.of(), null);
    private static final FacetCache.Key LEGAL = new FacetCache.Key("legal", Set.of(), Set.of("MIT"), Set.of(), BigInteger.TEN);

    private static FacetCache.Counts counts(long chat) {
        return new FacetCache.Counts(List.of(new Facet("CHAT", chat)), List.of(), List.of());
    }

    @Test
    void countsComeBackForTheSameFiltersOnTheSameIndex() {
        FacetCache cache = new FacetCache(10);
        Object index = new Object();
        cache.put(index, LANDING, counts(3));

        assertThat(cache.get(index, new FacetCache.Key(null, Set.of(), Set.of(), Set.of(), null))).isEqualTo(counts(3));
        assertThat(cache.get(index, LEGAL)).isNull();
    }

    @Test
    void aChangedIndexSeesNoOldCountsAndDropsThem() {
        FacetCache cache = new FacetCache(10);
        Object before = new Object();
        Object after = new Object();
        cache.put(before, LANDING, counts(3));
        cache.put(before, LEGAL, counts(1));

        assertThat(cache.get(after, LANDING)).isNull();
        cache.put(after, LANDING, counts(4));

        assertThat(cache.get(after, LANDING)).isEqualTo(counts(4));
        assertThat(cache.get(after, LEGAL)).isNull();
        assertThat(cache.get(before, LANDING)).isNull();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void theLeastRecentlyUsedFiltersGoFirstWhenFull() {
        FacetCache cache = new FacetCache(2);
        Object index = new Object();
        FacetCache.Key third = new FacetCache.Key("code", Set.of(), Set.of(), Set.of(), null);
        cache.put(index, LANDING, counts(1));
        cache.put(index, LEGAL, counts(2));
        cache.get(index, LANDING);
        cache.put(index, third, counts(3));

        assertThat(cache.get(index, LANDING)).isEqualTo(counts(1));
        assertThat(cache.get(index, LEGAL)).isNull();
        assertThat(cache.get(index, third)).isEqualTo(counts(3));
    }
}
