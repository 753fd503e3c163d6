package ai.perspective.catalog.persistence;

import ai.perspective.catalog.domain.Model;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.search.mapper.orm.Search;

/**
 * Rebuilds the search index when it does not match the database: a new hub, a lost index
 * directory, or a database restored from a backup. Runs in the background, so start-up never
 * waits for it; meanwhile searches answer from what is indexed so far.
 */
@ApplicationScoped
public class SearchIndexer {

    private static final Logger LOG = Logger.getLogger(SearchIndexer.class.getName());

    @PersistenceContext(unitName = "hub")
    EntityManager em;
    @Resource
    ManagedExecutorService executor;
    @Inject
    SearchIndexer self;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        executor.submit(() -> {
            try {
                self.reindexIfStale();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Could not check or rebuild the catalog search index", e);
            }
        });
    }

    @Transactional
    public void reindexIfStale() {
        long rows = em.createQuery("select count(m) from Model m", Long.class).getSingleResult();
        long documents = Search.session(em).search(Model.class).where(f -> f.matchAll()).fetchTotalHitCount();
        if (rows == documents) {
            return;
        }
        LOG.info("Catalog search index has " + documents + " models, the database " + rows + ": rebuilding it");
        Search.mapping(em.getEntityManagerFactory()).scope(Model.class).massIndexer()
                .threadsToLoadObjects(1)
                // one segment: facet counts then need no per-query ordinal map across segments
                .mergeSegmentsOnFinish(true)
                .start()
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.SEVERE, "Rebuilding the catalog search index failed", failure);
                    } else {
                        LOG.info("Catalog search index rebuilt");
                    }
                });
    }
}
