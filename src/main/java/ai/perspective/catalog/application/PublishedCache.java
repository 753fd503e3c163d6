package ai.perspective.catalog.application;

import ai.perspective.catalog.Catalog.Route;
import ai.perspective.catalog.ModelId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Routes of published models, in memory: the gateway asks for one on every call. Entries are
 * dropped when their model changes, once that change has committed. Only hits are kept, so made-up
 * model names cannot fill memory. A load that raced with a change is not kept (the epoch moved), so
 * a stale route never outlives the change that made it stale. One hub process: a cluster would need
 * the invalidation broadcast.
 */
@ApplicationScoped
public class RouteCache {

    private final Map<ModelId, Route> routes = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();

    public Optional<Route> get(ModelId id, Supplier<Optional<Route>> load) {
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

    void invalidate(ModelId id) {
        epoch.incrementAndGet();
        routes.remove(id);
    }

    /** Before commit too: a reader must not cache the old route while the change is in flight. */
    void changing(@Observes(during = TransactionPhase.IN_PROGRESS) ModelChanged change) {
        invalidate(change.id());
    }

    void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) ModelChanged change) {
        invalidate(change.id());
    }

    int size() {
        return routes.size();
    }
}
