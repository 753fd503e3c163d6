package ai.perspective.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.catalog.Catalog.BuiltIn;
import ai.perspective.catalog.Catalog.ExternalEndpoint;
import ai.perspective.catalog.Catalog.ModelDraft;
import ai.perspective.catalog.Catalog.Serving;
import ai.perspective.catalog.Catalog.Task;
import ai.perspective.shared.HubException;
import java.math.BigInteger;
import java.net.URI;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelSpecTest {

    static final ExternalEndpoint ENDPOINT = new ExternalEndpoint(URI.create("https://api.example.com/v1/"), "gpt-x");

    static ModelDraft valid() {
        return new ModelDraft("summarizer", "Summarizer", "Sums *things* up.", Set.of(Task.CHAT), "apache-2.0", 8192,
                BigInteger.valueOf(1000), BigInteger.ZERO, ENDPOINT, "sk-secret");
    }

    static ModelDraft with(UnaryOperator<Object[]> change) {
        ModelDraft d = valid();
        Object[] f = {d.name(), d.title(), d.description(), d.tasks(), d.licence(), d.contextLength(),
                d.inputPricePerMillion(), d.outputPricePerMillion(), d.serving(), d.upstreamSecret()};
        f = change.apply(f);
        @SuppressWarnings("unchecked")
        Set<Task> tasks = (Set<Task>) f[3];
        return new ModelDraft((String) f[0], (String) f[1], (String) f[2], tasks, (String) f[4], (int) f[5],
                (BigInteger) f[6], (BigInteger) f[7], (Serving) f[8], (String) f[9]);
    }

    static UnaryOperator<Object[]> set(int index, Object value) {
        return f -> {
            f[index] = value;
            return f;
        };
    }

    @Test
    void acceptsAndNormalisesAValidDraft() {
        ModelSpec spec = ModelSpec.of(valid());

        assertThat(spec.licence()).isEqualTo("Apache-2.0");
        assertThat(spec.serving()).isEqualTo(new ExternalEndpoint(URI.create("https://api.example.com/v1"), "gpt-x"));
        assertThat(spec.tasks()).containsExactly(Task.CHAT);
        assertThat(spec.description()).isEqualTo("Sums *things* up.");
    }

    static ModelDraft withExamples(java.util.List<String> examples) {
        ModelDraft d = valid();
        return new ModelDraft(d.name(), d.title(), d.description(), d.tasks(), d.licence(), d.contextLength(),
                d.inputPricePerMillion(), d.outputPricePerMillion(), d.serving(), d.upstreamSecret(), examples);
    }

    @Test
    void examplePromptsAreTrimmedDeduplicatedAndBounded() {
        assertThat(ModelSpec.of(withExamples(java.util.Arrays.asList(" Summarise this ", "", null, "Summarise this", "TL;DR please")))
                .examplePrompts()).containsExactly("Summarise this", "TL;DR please");
        assertThat(ModelSpec.of(valid()).examplePrompts()).isEmpty();

        assertThatThrownBy(() -> ModelSpec.of(withExamples(java.util.List.of("x".repeat(ModelSpec.MAX_EXAMPLE + 1)))))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.field()).isEqualTo("examplePrompts"));
        assertThatThrownBy(() -> ModelSpec.of(withExamples(java.util.List.of("two\nlines"))))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.field()).isEqualTo("examplePrompts"));
        assertThatThrownBy(() -> ModelSpec.of(withExamples(java.util.stream.IntStream.range(0, ModelSpec.MAX_EXAMPLES + 1)
                .mapToObj(i -> "prompt " + i).toList())))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.type()).isEqualTo("too-many-example-prompts"));
    }

    static Stream<Arguments> badDrafts() {
        return Stream.of(
                Arguments.of(set(1, " "), "title", "missing-field"),
                Arguments.of(set(1, "x".repeat(121)), "title", "too-long"),
                Arguments.of(set(1, "bell\u0007"), "title", "invalid-text"),
                Arguments.of(set(2, "d".repeat(20_001)), "description", "too-long"),
                Arguments.of(set(3, Set.of()), "tasks", "missing-field"),
                Arguments.of(set(3, null), "tasks", "missing-field"),
                Arguments.of(set(4, "WTFPL-ish"), "licence", "unknown-licence"),
                Arguments.of(set(4, null), "licence", "missing-field"),
                Arguments.of(set(5, 0), "contextLength", "invalid-context-length"),
                Arguments.of(set(6, BigInteger.valueOf(-1)), "inputPricePerMillion", "invalid-price"),
                Arguments.of(set(7, null), "outputPricePerMillion", "missing-field"),
                Arguments.of(set(7, BigInteger.TEN.pow(30).add(BigInteger.ONE)), "outputPricePerMillion", "invalid-price"),
                Arguments.of(set(8, null), "serving", "missing-field"),
                Arguments.of(set(8, new ExternalEndpoint(URI.create("ftp://example.com"), "m")), "baseUrl", "invalid-url"),
                Arguments.of(set(8, new ExternalEndpoint(URI.create("https://user:pw@example.com/v1"), "m")), "baseUrl", "invalid-url"),
                Arguments.of(set(8, new ExternalEndpoint(URI.create("/relative"), "m")), "baseUrl", "invalid-url"),
                Arguments.of(set(8, new ExternalEndpoint(null, "m")), "baseUrl", "missing-field"),
                Arguments.of(set(8, new ExternalEndpoint(URI.create("https://example.com"), "")), "upstreamModel", "missing-field"),
                Arguments.of(set(8, new BuiltIn("gpt-17")), "engine", "unknown-engine"),
                Arguments.of(set(8, new BuiltIn("all-minilm-l6-v2")), "tasks", "unsupported-task"));
    }

    @ParameterizedTest
    @MethodSource("badDrafts")
    void rejectsBadFieldsNamingTheField(UnaryOperator<Object[]> change, String field, String type) {
        assertThatThrownBy(() -> ModelSpec.of(with(change)))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HubException.Kind.INVALID_INPUT);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void builtInEmbeddingsAreCanonicalised() {
        ModelSpec spec = ModelSpec.of(with(f -> {
            f[3] = Set.of(Task.EMBEDDINGS);
            f[8] = new BuiltIn("ALL-minilm-L6-V2");
            return f;
        }));
        assertThat(spec.serving()).isEqualTo(new BuiltIn("all-MiniLM-L6-v2"));
    }

    @Test
    void licenceRefsAreAccepted() {
        assertThat(ModelSpec.of(with(set(4, "LicenseRef-Acme-1.0"))).licence()).isEqualTo("LicenseRef-Acme-1.0");
    }

    @Test
    void namesFollowTheModelIdRules() {
        assertThat(ModelSpec.name(" summarizer-7b ")).isEqualTo("summarizer-7b");
        for (String bad : new String[] {null, "", "Upper", "-dash", "has space", "slash/name", "x".repeat(65)}) {
            assertThatThrownBy(() -> ModelSpec.name(bad)).as(bad).isInstanceOfSatisfying(HubException.class,
                    e -> assertThat(e.field()).isEqualTo("name"));
        }
    }

    @Test
    void secretsArePrintableAndOnlyForEndpoints() {
        assertThat(ModelSpec.secret(null, ENDPOINT)).isNull();
        assertThat(ModelSpec.secret("sk-abc", ENDPOINT)).isEqualTo("sk-abc");
        assertThatThrownBy(() -> ModelSpec.secret("has space", ENDPOINT)).isInstanceOf(HubException.class);
        assertThatThrownBy(() -> ModelSpec.secret("sk", new BuiltIn("all-MiniLM-L6-v2"))).isInstanceOf(HubException.class);
    }
}
