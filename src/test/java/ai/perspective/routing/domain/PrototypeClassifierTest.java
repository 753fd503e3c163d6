package ai.perspective.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrototypeClassifierTest {

    private final TopicVectors space = new TopicVectors(3);

    private PrototypeClassifier trained() {
        List<List<float[]>> examples = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            List<float[]> e = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                e.add(space.near(t, 0.3));
            }
            examples.add(e);
        }
        List<float[]> cards = Arrays.asList(null, null, null);
        return PrototypeClassifier.train(examples, cards, TopicVectors.DIMENSIONS, PrototypeClassifier.Settings.DEFAULT,
                new Random(1));
    }

    @Test
    void learnsWhichModelAQueryBelongsTo() {
        PrototypeClassifier classifier = trained();

        for (int t = 0; t < 3; t++) {
            double[] p = classifier.probabilities(space.near(t, 0.3));
            assertThat(p[t]).as("topic " + t).isGreaterThan(0.8);
            assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void thumbsDownLowersAndThumbsUpRaisesTheModel() {
        PrototypeClassifier classifier = trained();
        float[] query = space.near(0, 0.3);
        double before = classifier.probabilities(query)[0];

        classifier.learn(query, 0, false);
        double afterDown = classifier.probabilities(query)[0];
        classifier.learn(query, 1, true);
        double model1AfterUp = classifier.probabilities(query)[1];

        assertThat(afterDown).isLessThan(before);
        assertThat(model1AfterUp).isGreaterThan(1 - before);
    }

    @Test
    void repeatedFeedbackMovesTheDecision() {
        PrototypeClassifier classifier = trained();
        float[] query = space.near(0, 0.3);

        for (int i = 0; i < 20; i++) {
            classifier.learn(query, 2, true);
        }

        double[] p = classifier.probabilities(query);
        assertThat(p[2]).isGreaterThan(p[0]);
    }

    @Test
    void kMeansFindsUnitCentroidsAndNoMoreThanThePoints() {
        List<float[]> points = List.of(space.near(0, 0.1), space.near(1, 0.1));

        List<float[]> centroids = PrototypeClassifier.kMeans(points, 30, 5, new Random(3));

        assertThat(centroids).hasSize(2);
        for (float[] c : centroids) {
            assertThat(Vectors.dot(c, c)).isCloseTo(1f, org.assertj.core.api.Assertions.within(1e-5f));
        }
    }
}
