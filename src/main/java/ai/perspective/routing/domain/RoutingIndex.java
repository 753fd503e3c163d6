package ai.perspective.routing.domain;

import java.util.List;
import java.util.Random;

/**
 * Everything the router knows about the routed models' content, for one set of models (index
 * {@code m} is the m-th model): their example prompts (by meaning and by wording), their cards and
 * the classifier learned from both. Built once per catalog change; {@link #learn} is the only
 * mutation.
 */
public final class RoutingIndex {

    /** The semantic signals for one query, one value per model (NaN: the model has no such data). */
    public record Fit(double[] examples, double[] lexical, double[] classifier, double[] card) {
    }

    private final ExampleIndex examples;
    private final LexicalIndex lexical;
    private final PrototypeClassifier classifier;
    private final float[][] cards;

    private RoutingIndex(ExampleIndex examples, LexicalIndex lexical, PrototypeClassifier classifier, float[][] cards) {
        this.examples = examples;
        this.lexical = lexical;
        this.classifier = classifier;
        this.cards = cards;
    }

    public static RoutingIndex build(List<ModelContent> models, int dimensions, int neighbours,
            PrototypeClassifier.Settings settings, Random random) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model");
        }
        List<List<float[]>> vectors = models.stream().map(m -> m.examples().stream().map(Prompt::vector).toList()).toList();
        List<float[]> cards = models.stream().map(m -> m.card() == null ? null : m.card().vector()).toList();
        return new RoutingIndex(new ExampleIndex(vectors, dimensions, neighbours),
                new LexicalIndex(models.stream().map(m -> m.examples().stream().map(Prompt::text).toList()).toList(),
                        neighbours),
                PrototypeClassifier.train(vectors, cards, dimensions, settings, random),
                cards.toArray(float[][]::new));
    }

    public int models() {
        return cards.length;
    }

    public Fit fit(Prompt query) {
        double[] card = new double[cards.length];
        for (int m = 0; m < cards.length; m++) {
            card[m] = cards[m] == null ? Double.NaN : Vectors.dot(query.vector(), cards[m]);
        }
        return new Fit(examples.fit(query.vector()), lexical.fit(query.text()), classifier.probabilities(query.vector()),
                card);
    }

    /** Feedback on the answer of model {@code model} to this query. */
    public void learn(float[] query, int model, boolean helpful) {
        classifier.learn(query, model, helpful);
    }
}
