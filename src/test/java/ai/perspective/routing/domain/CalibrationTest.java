package ai.perspective.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    private final TopicVectors space = new TopicVectors(3);

    /** Two specialists with 100 examples each, a general model (index 2) with only a card. */
    private List<ModelContent> models() {
        List<ModelContent> models = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            List<Prompt> examples = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                examples.add(new Prompt("topic" + t + " example " + i, space.near(t, 0.4)));
            }
            models.add(new ModelContent(examples, new Prompt("topic" + t, space.near(t, 0.1))));
        }
        models.add(new ModelContent(List.of(), new Prompt("anything", space.near(2, 0.1))));
        return models;
    }

    private List<Prompt> outOfScope() {
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            prompts.add(new Prompt("something else " + i, space.elsewhere()));
        }
        return prompts;
    }

    private Calibration calibrate(double budget) {
        return Calibration.calibrate(models(), outOfScope(), 2, budget, RoutingPolicy.DEFAULT, TopicVectors.DIMENSIONS, 10,
                PrototypeClassifier.Settings.DEFAULT, new Random(5));
    }

    @Test
    void thresholdRejectsTheBudgetedShareOfHeldOutExamples() {
        Calibration calibration = calibrate(0.1);

        assertThat(calibration.heldOut()).isEqualTo(20);
        long below = java.util.Arrays.stream(calibration.heldOutFits()).filter(f -> f < calibration.threshold()).count();
        assertThat(below).isEqualTo(2);
        assertThat(calibration.heldOutAccuracy()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void outOfScopePromptsFallBelowTheThreshold() {
        Calibration calibration = calibrate(0.1);

        assertThat(calibration.outOfScope()).isEqualTo(50);
        assertThat(calibration.outOfScopeRecall()).isGreaterThan(0.9);
    }

    @Test
    void aLargerBudgetRaisesTheThreshold() {
        assertThat(calibrate(0.2).threshold()).isGreaterThan(calibrate(0.05).threshold());
    }

    @Test
    void aZeroBudgetNeverFallsBackOnFitAlone() {
        assertThat(calibrate(0).threshold()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void confidenceIsTheShareOfHeldOutExamplesThatFittedWorse() {
        Calibration calibration = calibrate(0.1);
        double[] fits = calibration.heldOutFits();

        assertThat(calibration.confidence(fits[0] - 1)).isZero();
        assertThat(calibration.confidence(fits[fits.length - 1] + 1)).isEqualTo(1.0);
        assertThat(calibration.confidence(fits[10])).isEqualTo(0.5);
    }

    @Test
    void modelsWithoutEnoughExamplesGiveNothingToCalibrateOn() {
        List<ModelContent> few = List.of(new ModelContent(List.of(new Prompt("a", space.near(0, 0.1))), null),
                new ModelContent(List.of(), new Prompt("b", space.near(1, 0.1))));

        Calibration calibration = Calibration.calibrate(few, List.of(), 1, 0.1, RoutingPolicy.DEFAULT,
                TopicVectors.DIMENSIONS, 10, PrototypeClassifier.Settings.DEFAULT, new Random(5));

        assertThat(calibration.heldOut()).isZero();
        assertThat(calibration.threshold()).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
