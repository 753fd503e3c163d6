package ai.perspective.catalog.persistence;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.Catalog.Facet;
import ai.perspective.catalog.Catalog.SearchQuery;
import ai.perspective.catalog.Catalog.Status;
import ai.perspective.catalog.Catalog.Task;
import ai.perspective.catalog.ModelId;
import ai.perspective.catalog.domain.Model;
import ai.perspective.catalog.domain.Models;
import ai.perspective.identity.AccountId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.engine.search.aggregation.AggregationKey;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.query.SearchResult;
import org.hibernate.search.engine.search.sort.dsl.SearchSortFactory;
import org.hibernate.search.engine.search.sort.dsl.SortFinalStep;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;

@ApplicationScoped
public class JpaModels implements Models {

    private static final AggregationKey<Map<Task, Long>> TASKS = AggregationKey.of("tasks");
    private static final AggregationKey<Map<String, Long>> LICENCES = AggregationKey.of("licences");
    private static final AggregationKey<Map<String, Long>> CREATORS = AggregationKey.of("creators");
    private static final int MAX_FACET_VALUES = 50;

    private static final int FACET_CACHE_ENTRIES = 512;

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    private final FacetCache facetCache = new FacetCache(FACET_CACHE_ENTRIES);

    @Override
    public Optional<Model> byId(ModelId id) {
        return Optional.ofNullable(em.find(Model.class, id.toString()));
    }

    @Override
    public void add(Model model) {
        em.persist(model);
        em.flush();
    }

    @Override
    public List<Model> ofCreator(AccountId creator) {
        return em.createQuery("select m from Model m where m.creatorId = :creator order by m.createdAt desc, m.id", Model.class)
                .setParameter("creator", creator.value())
                .getResultList();
    }

    @Override
    public List<Model> published() {
        return em.createQuery("select m from Model m where m.status = :status order by m.id", Model.class)
                .setParameter("status", Status.PUBLISHED)
                .getResultList();
    }

    @Override
    public List<Catalog.Listed> listed() {
        return em.createQuery("select m.id, m.createdAt from Model m where m.status = :status order by m.id", Object[].class)
                .setParameter("status", Status.PUBLISHED)
                .getResultStream()
                .map(row -> new Catalog.Listed(ModelId.parse((String) row[0]), (Instant) row[1]))
                .toList();
    }

    @Override
    public void addCalls(ModelId id, long calls) {
        // a bulk update: no version bump, so counting calls never makes a creator's edit fail
        int updated = em.createQuery("update Model m set m.calls = m.calls + :calls where m.id = :id")
                .setParameter("calls", calls)
                .setParameter("id", id.toString())
                .executeUpdate();
        if (updated == 1) {
            // bulk updates bypass automatic indexing: re-index the model so "most used" sees it
            Model model = em.find(Model.class, id.toString());
            em.refresh(model);
            Search.session(em).indexingPlan().addOrUpdate(model);
        }
    }

    @Override
    public Page search(SearchQuery query) {
        SearchSession session = Search.session(em);
        FacetCache.Key key = new FacetCache.Key(query.text(), query.tasks(), query.licences(), query.creators(),
                query.maxInputPricePerMillion());
        Object state = indexState(session);
        FacetCache.Counts counts = state == null ? null : facetCache.get(state, key);
        if (counts != null) {
            // the same filters on the same index: only the page of hits is new
            SearchResult<Model> result = session.search(Model.class)
                    .where(f -> predicate(f, query))
                    .sort(f -> sort(f, query))
                    .fetch(query.offset(), query.limit());
            return new Page(result.hits(), result.total().hitCount(), counts.tasks(), counts.licences(), counts.creators());
        }
        SearchResult<Model> result = session.search(Model.class)
                .where(f -> predicate(f, query))
                .sort(f -> sort(f, query))
                .aggregation(TASKS, f -> f.terms().field("tasks", Task.class).maxTermCount(Task.values().length))
                .aggregation(LICENCES, f -> f.terms().field("licence", String.class).maxTermCount(MAX_FACET_VALUES))
                .aggregation(CREATORS, f -> f.terms().field("handle", String.class).maxTermCount(MAX_FACET_VALUES))
                .fetch(query.offset(), query.limit());
        counts = new FacetCache.Counts(facets(result.aggregation(TASKS), t -> t.name()),
                facets(result.aggregation(LICENCES), l -> l),
                facets(result.aggregation(CREATORS), c -> c));
        if (state != null) {
            facetCache.put(state, key, counts);
        }
        return new Page(result.hits(), result.total().hitCount(), counts.tasks(), counts.licences(), counts.creators());
    }

    /**
     * The identities of the index's segments as the reader sees them now: a segment that gains,
     * changes or loses a document is a new reader, so any change to the index changes this value.
     * Null when a segment offers no identity (then nothing is cached).
     */
    private static Object indexState(SearchSession session) {
        try (IndexReader reader = session.scope(Model.class).extension(LuceneExtension.get()).openIndexReader()) {
            List<Object> keys = new ArrayList<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                IndexReader.CacheHelper helper = leaf.reader().getReaderCacheHelper();
                if (helper == null) {
                    return null;
                }
                keys.add(helper.getKey());
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BooleanPredicateClausesStep<?> predicate(SearchPredicateFactory f, SearchQuery query) {
        // filters narrow the hits without taking part in the score: only the text decides relevance
        BooleanPredicateClausesStep<?> bool = f.bool().filter(f.match().field("status").matching(Status.PUBLISHED));
        if (query.text() != null && !query.text().isBlank()) {
            bool.must(f.simpleQueryString()
                    .field("title").boost(3f)
                    .field("tasksText").boost(2f)
                    .field("description")
                    .matching(query.text())
                    .defaultOperator(BooleanOperator.AND));
        }
        if (query.tasks() != null && !query.tasks().isEmpty()) {
            bool.filter(f.terms().field("tasks").matchingAny(query.tasks()));
        }
        if (query.licences() != null && !query.licences().isEmpty()) {
            bool.filter(f.terms().field("licence").matchingAny(query.licences()));
        }
        if (query.creators() != null && !query.creators().isEmpty()) {
            bool.filter(f.terms().field("handle").matchingAny(query.creators()));
        }
        if (query.maxInputPricePerMillion() != null) {
            bool.filter(f.range().field("inputPrice").atMost(query.maxInputPricePerMillion()));
        }
        return bool;
    }

    private static SortFinalStep sort(SearchSortFactory f, SearchQuery query) {
        boolean hasText = query.text() != null && !query.text().isBlank();
        Catalog.Sort sort = query.sort() == null ? Catalog.Sort.RELEVANCE : query.sort();
        // ties end on the id (handle, name), so pages are stable
        return switch (sort) {
            case RELEVANCE -> hasText
                    ? f.score().then().field("createdAt").desc().then().field("handle").then().field("name")
                    : f.field("createdAt").desc().then().field("handle").then().field("name");
            case MOST_USED -> f.field("calls").desc().then().field("createdAt").desc().then().field("handle").then().field("name");
            case NEWEST -> f.field("createdAt").desc().then().field("handle").then().field("name");
            case CHEAPEST -> f.field("inputPrice").asc().then().field("outputPrice").asc().then().field("handle").then().field("name");
        };
    }

    private static <K> List<Facet> facets(Map<K, Long> counts, java.util.function.Function<K, String> label) {
        return counts.entrySet().stream()
                .map(e -> new Facet(label.apply(e.getKey()), e.getValue()))
                .sorted(Comparator.comparingLong(Facet::count).reversed().thenComparing(Facet::value))
                .toList();
    }
}
