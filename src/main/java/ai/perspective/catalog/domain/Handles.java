package ai.perspective.catalog.domain;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/** Turns a display name into a creator handle that fits a model id and no one else holds. */
public final class Handles {

    static final int MAX_BASE = 40;

    /**
     * Handles the hub keeps for itself: {@code perspective/auto} is the routing module's model, and a
     * creator called "Perspective" must not be able to publish models that look like the hub's own.
     */
    static final Set<String> RESERVED = Set.of("perspective", "hub", "admin", "api", "system", "v1");

    private Handles() {
    }

    /** "Zoë's Lab!" becomes "zoes-lab": ASCII letters and digits joined by '-'. */
    public static String slug(String displayName) {
        String ascii = Normalizer.normalize(displayName == null ? "" : displayName, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .replace("'", "")
                .toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_BASE) {
            slug = slug.substring(0, MAX_BASE).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "creator" : slug;
    }

    /** The slug itself if free, else the slug with the smallest suffix -2, -3, ... that is free. */
    public static String unique(String base, Collection<String> taken) {
        if (!taken.contains(base) && !RESERVED.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
