package ai.perspective.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexesTest {

    @Test
    void exampleFitIsTheMeanOfTheNearestExamples() {
        float[] x = {1, 0};
        float[] y = {0, 1};
        float[] diagonal = {(float) Math.sqrt(0.5), (float) Math.sqrt(0.5)};
        ExampleIndex index = new ExampleIndex(List.of(List.of(x, y, diagonal), List.of(y), List.of()), 2, 2);

        double[] fit = index.fit(x);

        assertThat(fit[0]).isCloseTo((1 + Math.sqrt(0.5)) / 2, within(1e-6));
        assertThat(fit[1]).isCloseTo(0, within(1e-6));
        assertThat(fit[2]).isNaN();
    }

    @Test
    void lexicalFitCountsSharedWords() {
        LexicalIndex index = new LexicalIndex(List.of(
                List.of("what is my account balance", "transfer money to savings"),
                List.of("change your name", "what is your name"),
                List.of()), 1);

        double[] fit = index.fit("what is the balance of my account");

        assertThat(fit[0]).isGreaterThan(fit[1]);
        assertThat(fit[2]).isNaN();
        assertThat(index.fit("zebra quantum")[0]).isZero();
    }

    @Test
    void termsAreLowerCaseWordsAndPairs() {
        assertThat(LexicalIndex.terms("Change YOUR name!")).containsExactly("change", "your", "name", "change your", "your name");
    }
}
