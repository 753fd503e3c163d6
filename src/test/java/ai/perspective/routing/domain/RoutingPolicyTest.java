package ai.perspective.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {

    private static final RoutingPolicy POLICY = RoutingPolicy.DEFAULT;
    private static final ModelFacts FREE = new ModelFacts(0, 0, 0);

    /** Model 0 fits best, model 1 a little less, model 2 (the general model) has only a card. */
    private static RoutingIndex.Fit signals() {
        return new RoutingIndex.Fit(new double[] {0.80, 0.70, Double.NaN}, new double[] {0.6, 0.5, Double.NaN},
                new double[] {0.45, 0.40, 0.05}, new double[] {0.4, 0.4, 0.2});
    }

    @Test
    void fitIsTheWeightedMeanOfTheSignals() {
        double[] fit = POLICY.fit(signals());

        double total = 1.0 + 0.5 + 0.2 + 0.05;
        assertThat(fit[0]).isCloseTo((0.80 + 0.5 * 0.6 + 0.2 * 0.45 + 0.05 * 0.4) / total, within(1e-12));
        // no examples: the card stands in for the example fit, and no wording is shared
        assertThat(fit[2]).isCloseTo((0.2 + 0.5 * 0 + 0.2 * 0.05 + 0.05 * 0.2) / total, within(1e-12));
    }

    @Test
    void bestFitWinsWhenPriceDoesNotCount() {
        RoutingPolicy.Ranking ranking = POLICY.rank(signals(), List.of(new ModelFacts(1, 0, 0), new ModelFacts(0, 0, 0), FREE),
                0, 0.3, 2);

        assertThat(ranking.fallback()).isFalse();
        assertThat(ranking.chosen()).isZero();
        assertThat(ranking.ranked()).extracting(RoutingPolicy.Scored::model).containsExactly(0, 1, 2);
        assertThat(ranking.ranked().get(2).eligible()).isFalse();
    }

    @Test
    void costWeightTradesFitForPrice() {
        List<ModelFacts> facts = List.of(new ModelFacts(1, 0, 0), new ModelFacts(0.1, 0, 0), FREE);

        assertThat(POLICY.rank(signals(), facts, 0, 0.3, 2).chosen()).isZero();
        assertThat(POLICY.rank(signals(), facts, 1, 0.3, 2).chosen()).isEqualTo(1);
    }

    @Test
    void costWeightNeverPicksAModelThatFitsFarWorse() {
        // the general model is free but fits badly: not eligible
        List<ModelFacts> facts = List.of(new ModelFacts(1, 0, 0), new ModelFacts(1, 0, 0), new ModelFacts(0, 0, 0));

        RoutingPolicy.Ranking ranking = POLICY.rank(signals(), facts, 1, 0.3, 2);

        assertThat(ranking.chosen()).isNotEqualTo(2);
    }

    @Test
    void modelsFarBelowTheBestFitAreNotEligible() {
        RoutingIndex.Fit far = new RoutingIndex.Fit(new double[] {0.9, 0.6, Double.NaN}, new double[] {0.6, 0.5, Double.NaN},
                new double[] {0.9, 0.05, 0.05}, new double[] {0.4, 0.4, 0.2});

        RoutingPolicy.Ranking ranking = POLICY.rank(far, List.of(new ModelFacts(1, 0, 0), FREE, FREE), 1, 0.3, 2);

        assertThat(ranking.chosen()).isZero();
        assertThat(ranking.ranked()).filteredOn(RoutingPolicy.Scored::eligible).extracting(RoutingPolicy.Scored::model)
                .containsExactly(0);
    }

    @Test
    void errorsAndLatencyLowerTheScore() {
        List<ModelFacts> facts = List.of(new ModelFacts(0, 2000, 0.5), FREE, FREE);

        RoutingPolicy.Ranking ranking = POLICY.rank(signals(), facts, 0, 0.3, 2);

        assertThat(ranking.chosen()).isEqualTo(1);
        RoutingPolicy.Scored failing = ranking.ranked().stream().filter(s -> s.model() == 0).findFirst().orElseThrow();
        assertThat(failing.reliabilityPenalty()).isCloseTo(0.5 * 0.5 + 0.05 * 2000 / 3000.0, within(1e-12));
    }

    @Test
    void belowTheThresholdTheGeneralModelAnswers() {
        RoutingPolicy.Ranking ranking = POLICY.rank(signals(), List.of(FREE, FREE, FREE), 0, 0.9, 2);

        assertThat(ranking.fallback()).isTrue();
        assertThat(ranking.chosen()).isEqualTo(2);
        assertThat(ranking.ranked().get(0).model()).isEqualTo(2);
        assertThat(ranking.ranked()).filteredOn(RoutingPolicy.Scored::eligible).hasSize(1);
    }

    @Test
    void costWeightOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> POLICY.rank(signals(), List.of(FREE, FREE, FREE), 1.5, 0.3, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
