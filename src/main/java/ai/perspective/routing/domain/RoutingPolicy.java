package ai.perspective.routing.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the signals become a choice.
 *
 * <p>The <em>fit</em> of a model is a weighted mean of its example fit (nearest example prompts by
 * meaning), its lexical fit (nearest by wording), the classifier's probability and its card fit; a model without examples uses its card fit for
 * both. The best fit over all models is compared with the calibrated threshold: below it no model
 * is a confident match and the request goes to the general model. Otherwise every model whose fit
 * is within {@code fitMargin} of the best is eligible (not "above the threshold": two models with
 * the same skills split the classifier's probability, and neither should lose for that), and the one
 * with the highest <em>score</em> wins:
 * fit − costWeight × price weight × relative price − error weight × error rate − latency weight ×
 * latency penalty. With costWeight 0 and equal reliability the best fit wins; with costWeight 1 a
 * cheaper model wins when it fits within the margin and its price saving outweighs the fit it gives up.
 */
public record RoutingPolicy(double exampleWeight, double lexicalWeight, double classifierWeight, double cardWeight,
        double fitMargin, double priceWeight, double errorWeight, double latencyWeight) {

    /**
     * Example fit first; word overlap and the classifier correct it where it errs (chosen on
     * held-out CLINC150 training data, checked on its validation split); the card matters only
     * for models with few examples.
     */
    public static final RoutingPolicy DEFAULT = new RoutingPolicy(1.0, 0.5, 0.2, 0.05, 0.1, 0.15, 0.5, 0.05);

    /** One model's part in a decision. */
    public record Scored(int model, double fit, double score, double exampleFit, double lexicalFit, double classifier,
            double cardFit,
            double pricePenalty, double reliabilityPenalty, boolean eligible) {
    }

    /** The ranking (best score first, eligible models before the others) and the choice. */
    public record Ranking(List<Scored> ranked, int chosen, double bestFit, boolean fallback) {
    }

    /** Per model, the weighted fit. */
    public double[] fit(RoutingIndex.Fit signals) {
        int n = signals.classifier().length;
        double[] fit = new double[n];
        double total = exampleWeight + lexicalWeight + classifierWeight + cardWeight;
        for (int m = 0; m < n; m++) {
            fit[m] = (exampleWeight * exampleFit(signals, m) + lexicalWeight * lexicalFit(signals, m)
                    + classifierWeight * signals.classifier()[m] + cardWeight * cardFit(signals, m)) / total;
        }
        return fit;
    }

    public Ranking rank(RoutingIndex.Fit signals, List<ModelFacts> facts, double costWeight, double threshold,
            int general) {
        if (!(costWeight >= 0 && costWeight <= 1)) {
            throw new IllegalArgumentException("costWeight must be in 0..1");
        }
        double[] fit = fit(signals);
        double bestFit = Double.NEGATIVE_INFINITY;
        for (double f : fit) {
            bestFit = Math.max(bestFit, f);
        }
        boolean fallback = bestFit < threshold;
        List<Scored> scored = new ArrayList<>(fit.length);
        for (int m = 0; m < fit.length; m++) {
            ModelFacts f = facts.get(m);
            double price = costWeight * priceWeight * f.relativePrice();
            double reliability = errorWeight * f.errorRate() + latencyWeight * f.latencyPenalty();
            boolean eligible = fallback ? m == general : fit[m] >= bestFit - fitMargin;
            scored.add(new Scored(m, fit[m], fit[m] - price - reliability, exampleFit(signals, m),
                    lexicalFit(signals, m), signals.classifier()[m], cardFit(signals, m), price, reliability, eligible));
        }
        scored.sort(Comparator.comparing(Scored::eligible).reversed()
                .thenComparing(Comparator.comparingDouble(Scored::score).reversed()));
        return new Ranking(List.copyOf(scored), scored.get(0).model(), bestFit, fallback);
    }

    private static double exampleFit(RoutingIndex.Fit signals, int m) {
        double e = signals.examples()[m];
        return Double.isNaN(e) ? cardFit(signals, m) : e;
    }

    /** A model without examples shares no wording with requests. */
    private static double lexicalFit(RoutingIndex.Fit signals, int m) {
        double l = signals.lexical()[m];
        return Double.isNaN(l) ? 0 : l;
    }

    private static double cardFit(RoutingIndex.Fit signals, int m) {
        double c = signals.card()[m];
        if (!Double.isNaN(c)) {
            return c;
        }
        double e = signals.examples()[m];
        return Double.isNaN(e) ? -1 : e;
    }
}
