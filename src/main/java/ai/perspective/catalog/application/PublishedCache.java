package ai.perspective.catalog.application;

import ai.perspective.catalog.Catalog.Listed;
import ai.perspective.catalog.Catalog.Route;
import ai.perspective.catalog.ModelId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the gateway reads of the catalog on every call, in memory: the routes of published models,
 * and their listing ({@code GET /v1/models}). Entries are dropped when a model
 * changes, once that change has committed. Only hits are kept, so made-up model names cannot fill
 * memory. A load that raced with a change is not kept (the epoch moved), so a stale entry never
 * outlives the change that made it stale. One hub process: a cluster would need the invalidation
 * broadcast.
 */
@ApplicationScoped
public class PublishedCache {

    private final Map<ModelId, Route> routes = new ConcurrentHashMap<>();
    private volatile List<Listed> listed;
    private final AtomicLong epoch = new AtomicLong();

    public Optional<Route> route(ModelId id, Supplier<Optional<Route>> load) {
        Route cached = routes.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        long before = epoch.get();
        Optional<Route> loaded = load.get();
        loaded.ifPresent(route -> {
            routes.put(id, route);
            if (epoch.get() != before) {
                routes.remove(id, route);
            }
        });
        return loaded;
    }

    /** The published models' listing: the same list instance until a model changes, then loaded again. */
    public List<Listed> listed(Supplier<List<Listed>> load) {
        List<Listed> cached = listed;
        if (cached != null) {
            return cached;
        }
        long before = epoch.get();
        List<Listed> loaded = List.copyOf(load.get());
        listed = loaded;
        if (epoch.get() != before) {
            listed = null;
        }
        return loaded;
    }

    void invalidate(ModelId id) {
        epoch.incrementAndGet();
        routes.remove(id);
        listed = null;
    }

    /** Before commit too: a reader must not cache the old state while the change is in flight. */
    void changing(@Observes(during = TransactionPhase.IN_PROGRESS) ModelChanged change) {
        invalidate(change.id());
    }

    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) ModelChanged change) {
        invalidate(change.id());
    }
}
