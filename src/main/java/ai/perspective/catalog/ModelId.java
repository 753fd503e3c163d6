package ai.perspective.catalog;

import ai.perspective.shared.HubException;
import java.util.regex.Pattern;

/**
 * A model's public id, {@code creator-handle/model-name}: what callers put in {@code "model"}.
 * Both parts are lower-case letters, digits, '-', '_' and '.', 1 to 64 characters, starting with a
 * letter or digit.
 */
public record ModelId(String creator, String name) {

    private static final Pattern PART = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public ModelId {
        if (creator == null || !PART.matcher(creator).matches() || name == null || !PART.matcher(name).matches()) {
            throw HubException.invalid("model", "invalid-model-id",
                    "A model id is 'creator/name' in lower-case letters, digits, '-', '_' or '.'.");
        }
    }

    /** Parses {@code creator/name}; anything else is the caller's mistake. */
    public static ModelId parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
            throw HubException.invalid("model", "invalid-model-id",
                    "'" + text + "' is not a model id: use 'creator/name', e.g. 'acme/summarizer'.");
        }
        return new ModelId(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return creator + "/" + name;
    }
}
