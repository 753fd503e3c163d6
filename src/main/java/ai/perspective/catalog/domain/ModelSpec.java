package ai.perspective.catalog.domain;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.Catalog.BuiltIn;
import ai.perspective.catalog.Catalog.ExternalEndpoint;
import ai.perspective.catalog.Catalog.ModelDraft;
import ai.perspective.catalog.Catalog.Serving;
import ai.perspective.catalog.Catalog.Task;
import ai.perspective.shared.HubException;
import java.math.BigInteger;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A creator's draft after validation: every field within bounds, the licence a known SPDX id, the
 * serving complete. Checked in full before anything is written, so bad input leaves nothing behind.
 * The upstream secret is not part of it: it goes to the cipher, never into an entity in clear.
 */
public record ModelSpec(String title, String description, Set<Task> tasks, String licence, int contextLength,
        BigInteger inputPricePerMillion, BigInteger outputPricePerMillion, Serving serving, List<String> examplePrompts) {

    /** Example prompts per model: enough to describe a specialist, few enough to embed in seconds. */
    public static final int MAX_EXAMPLES = 200;
    public static final int MAX_EXAMPLE = 1000;

    public static final int MAX_TITLE = 120;
    public static final int MAX_DESCRIPTION = 20_000;
    public static final int MAX_CONTEXT = 100_000_000;
    public static final int MAX_SECRET = 4096;
    public static final int MAX_URL = 2048;
    public static final int MAX_UPSTREAM_MODEL = 200;
    /** 10^30 base units per million tokens: far above any sane price, well inside NUMERIC(38). */
    public static final BigInteger MAX_PRICE = BigInteger.TEN.pow(30);

    /** The engines the hub serves itself, by canonical name. */
    public static final Set<String> ENGINES = Set.of("all-MiniLM-L6-v2");

    /**
     * SPDX ids of the licences models are published under. A fixed list keeps the licence facet
     * meaningful (no "mit" vs "MIT" vs "M.I.T."); anything else is a {@code LicenseRef-} id.
     */
    public static final Set<String> LICENCES = Set.of(
            "Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "ISC", "MPL-2.0", "Unlicense", "0BSD",
            "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "LGPL-3.0-only",
            "LGPL-3.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later", "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0",
            "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC-BY-NC-ND-4.0", "OpenRAIL", "OpenRAIL-M",
            "CreativeML-OpenRAIL-M", "BigScience-OpenRAIL-M", "Llama-2", "Llama-3", "Gemma", "Proprietary");

    private static final Map<String, String> LICENCE_BY_LOWER = new TreeMap<>();
    private static final Pattern LICENSE_REF = Pattern.compile("LicenseRef-[A-Za-z0-9.-]{1,53}");
    private static final Pattern ENGINE_NAMES = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    static {
        LICENCES.forEach(l -> LICENCE_BY_LOWER.put(l.toLowerCase(Locale.ROOT), l));
    }

    /** Validates everything but the name and the secret (see {@link #name} and {@link #secret}). */
    public static ModelSpec of(ModelDraft draft) {
        if (draft == null) {
            throw HubException.invalid(null, "missing-body", "Send the model's fields.");
        }
        String title = text("title", draft.title(), MAX_TITLE, true, false);
        String description = text("description", draft.description() == null ? "" : draft.description(),
                MAX_DESCRIPTION, false, true);
        Set<Task> tasks = tasks(draft.tasks());
        String licence = licence(draft.licence());
        if (draft.contextLength() < 1 || draft.contextLength() > MAX_CONTEXT) {
            throw HubException.invalid("contextLength", "invalid-context-length",
                    "The context length is a number of tokens from 1 to " + MAX_CONTEXT + ".");
        }
        BigInteger input = price("inputPricePerMillion", draft.inputPricePerMillion());
        BigInteger output = price("outputPricePerMillion", draft.outputPricePerMillion());
        Serving serving = serving(draft.serving(), tasks);
        List<String> examples = examples(draft.examplePrompts());
        return new ModelSpec(title, description, tasks, licence, draft.contextLength(), input, output, serving, examples);
    }

    /** A model name: the second half of its id. */
    public static String name(String raw) {
        if (raw == null || raw.isBlank()) {
            throw HubException.invalid("name", "missing-field", "Give the model a name, e.g. 'summarizer-7b'.");
        }
        String name = raw.strip();
        if (!Pattern.matches("[a-z0-9][a-z0-9._-]{0,63}", name)) {
            throw HubException.invalid("name", "invalid-model-name", "A model name is 1 to 64 lower-case letters, "
                    + "digits, '-', '_' or '.', starting with a letter or digit.");
        }
        return name;
    }

    /** The upstream secret as given, or null when none; only external endpoints have one. */
    public static String secret(String raw, Serving serving) {
        if (raw == null) {
            return null;
        }
        if (serving instanceof BuiltIn && !raw.isEmpty()) {
            throw HubException.invalid("upstreamSecret", "unexpected-secret", "A built-in model has no upstream secret.");
        }
        if (raw.length() > MAX_SECRET || raw.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw HubException.invalid("upstreamSecret", "invalid-secret",
                    "The API secret is up to " + MAX_SECRET + " printable characters without spaces.");
        }
        return raw;
    }

    private static String text(String field, String raw, int max, boolean required, boolean multiline) {
        if (raw == null || (required && raw.isBlank())) {
            throw HubException.invalid(field, "missing-field", "Enter a " + field + ".");
        }
        String text = raw.strip();
        if (text.length() > max) {
            throw HubException.invalid(field, "too-long", "The " + field + " has at most " + max + " characters.");
        }
        boolean control = text.chars().anyMatch(c -> Character.isISOControl(c)
                && !(multiline && (c == '\n' || c == '\r' || c == '\t')));
        if (control) {
            throw HubException.invalid(field, "invalid-text", "The " + field + " cannot contain control characters.");
        }
        return text;
    }

    /** Blank lines are dropped, duplicates kept once, in the creator's order. */
    private static List<String> examples(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        java.util.LinkedHashSet<String> examples = new java.util.LinkedHashSet<>();
        for (String example : raw) {
            if (example == null || example.isBlank()) {
                continue;
            }
            String text = example.strip();
            if (text.length() > MAX_EXAMPLE || text.chars().anyMatch(Character::isISOControl)) {
                throw HubException.invalid("examplePrompts", "invalid-example-prompt", "Each example prompt is one line of at most "
                        + MAX_EXAMPLE + " characters.");
            }
            examples.add(text);
        }
        if (examples.size() > MAX_EXAMPLES) {
            throw HubException.invalid("examplePrompts", "too-many-example-prompts",
                    "Give at most " + MAX_EXAMPLES + " example prompts.");
        }
        return List.copyOf(examples);
    }

    private static Set<Task> tasks(Set<Task> tasks) {
        if (tasks == null || tasks.isEmpty() || tasks.stream().anyMatch(java.util.Objects::isNull)) {
            throw HubException.invalid("tasks", "missing-field",
                    "Tag at least one task the model does: chat, embeddings, classification, ...");
        }
        return EnumSet.copyOf(tasks);
    }

    private static String licence(String raw) {
        if (raw == null || raw.isBlank()) {
            throw HubException.invalid("licence", "missing-field", "Name the licence as an SPDX id, e.g. 'Apache-2.0'.");
        }
        String licence = raw.strip();
        String known = LICENCE_BY_LOWER.get(licence.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        if (LICENSE_REF.matcher(licence).matches()) {
            return licence;
        }
        throw HubException.invalid("licence", "unknown-licence", "'" + licence + "' is not a licence the hub knows: "
                + "use an SPDX id such as Apache-2.0, MIT or CC-BY-4.0, or 'LicenseRef-<name>' for your own terms.");
    }

    private static BigInteger price(String field, BigInteger price) {
        if (price == null) {
            throw HubException.invalid(field, "missing-field", "Set a price per million tokens in POV base units (0 for free).");
        }
        if (price.signum() < 0 || price.compareTo(MAX_PRICE) > 0) {
            throw HubException.invalid(field, "invalid-price",
                    "A price is a whole number of POV base units from 0 to 10^30 per million tokens.");
        }
        return price;
    }

    private static Serving serving(Serving serving, Set<Task> tasks) {
        if (serving == null) {
            throw HubException.invalid("serving", "missing-field",
                    "Say how the model is served: an external OpenAI-compatible endpoint or a built-in engine.");
        }
        return switch (serving) {
            case ExternalEndpoint external -> new ExternalEndpoint(baseUrl(external.baseUrl()),
                    text("upstreamModel", external.upstreamModel(), MAX_UPSTREAM_MODEL, true, false));
            case BuiltIn builtIn -> builtIn(builtIn.engine(), tasks);
        };
    }

    private static URI baseUrl(URI url) {
        if (url == null) {
            throw HubException.invalid("baseUrl", "missing-field", "Enter the endpoint's base URL, e.g. https://api.example.com/v1.");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null
                || url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null
                || url.toString().length() > MAX_URL) {
            throw HubException.invalid("baseUrl", "invalid-url", "The base URL is an http(s) URL with a host and no "
                    + "credentials, query or fragment, e.g. https://api.example.com/v1 (put the key in the API secret).");
        }
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private static BuiltIn builtIn(String engine, Set<Task> tasks) {
        String canonical = engine == null || !ENGINE_NAMES.matcher(engine).matches() ? null
                : ENGINES.stream().filter(e -> e.equalsIgnoreCase(engine.strip())).findFirst().orElse(null);
        if (canonical == null) {
            throw HubException.invalid("engine", "unknown-engine", "The hub serves these engines itself: "
                    + String.join(", ", ENGINES) + ".");
        }
        if (!tasks.equals(EnumSet.of(Task.EMBEDDINGS))) {
            throw HubException.invalid("tasks", "unsupported-task", canonical + " computes embeddings only: tag it 'embeddings'.");
        }
        return new BuiltIn(canonical);
    }

    /** Which kind of serving, as stored. */
    public static String kind(Serving serving) {
        return serving instanceof Catalog.BuiltIn ? "BUILT_IN" : "EXTERNAL";
    }
}
