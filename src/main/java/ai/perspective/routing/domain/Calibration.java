package ai.perspective.routing.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The fallback threshold, learned from data rather than set by hand.
 *
 * <p>A share of every model's example prompts is held out; the router is built from the rest and
 * scores the held-out prompts, whose right answer is known. The threshold is the best-fit value
 * below which lies {@code fallbackBudget} of them: the share of answerable requests the hub accepts
 * to send to its general model. Prompts known to be out of scope (optional) measure what that
 * threshold catches. The held-out fits also turn a fit into a confidence: the share of held-out
 * answerable prompts that fitted worse.
 *
 * @param threshold best fit below which a request goes to the general model
 * @param heldOutFits sorted best fits of the held-out answerable prompts
 * @param heldOut how many answerable prompts were held out
 * @param heldOutAccuracy share of them routed to their own model at this threshold
 * @param outOfScope how many out-of-scope prompts were scored
 * @param outOfScopeRecall share of those sent to the general model
 */
public record Calibration(double threshold, double fallbackBudget, double[] heldOutFits, int heldOut,
        double heldOutAccuracy, int outOfScope, double outOfScopeRecall) {

    /** Share of every model's examples held out (at most {@link #MAX_HELD_OUT_PER_MODEL} each). */
    public static final double HELD_OUT_SHARE = 0.1;
    public static final int MAX_HELD_OUT_PER_MODEL = 200;

    /** The confidence of a best fit: the share of held-out answerable prompts that fitted worse, 0..1. */
    public double confidence(double bestFit) {
        if (heldOutFits.length == 0) {
            return bestFit >= threshold ? 1 : 0;
        }
        int below = Arrays.binarySearch(heldOutFits, bestFit);
        int index = below >= 0 ? below : -below - 1;
        return (double) index / heldOutFits.length;
    }

    /**
     * Calibrates for {@code models} (as for {@link RoutingIndex#build}); out-of-scope prompts are optional.
     */
    public static Calibration calibrate(List<ModelContent> models, List<Prompt> outOfScope,
            int general, double fallbackBudget, RoutingPolicy policy, int dimensions, int neighbours,
            PrototypeClassifier.Settings settings, Random random) {
        if (!(fallbackBudget >= 0 && fallbackBudget < 1)) {
            throw new IllegalArgumentException("fallbackBudget must be in 0..1");
        }
        List<ModelContent> kept = new ArrayList<>();
        List<Prompt> heldOut = new ArrayList<>();
        List<Integer> heldOutModel = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            List<Prompt> all = new ArrayList<>(models.get(m).examples());
            Collections.shuffle(all, random);
            // a model with few examples keeps them all: holding out one of three would only add noise
            int out = all.size() < 10 ? 0 : Math.min(MAX_HELD_OUT_PER_MODEL, (int) Math.round(all.size() * HELD_OUT_SHARE));
            for (Prompt e : all.subList(0, out)) {
                heldOut.add(e);
                heldOutModel.add(m);
            }
            kept.add(new ModelContent(all.subList(out, all.size()), models.get(m).card()));
        }
        if (heldOut.isEmpty()) {
            // nothing to learn from: route whatever fits best, never fall back on fit alone
            return new Calibration(Double.NEGATIVE_INFINITY, fallbackBudget, new double[0], 0, Double.NaN,
                    outOfScope.size(), 0);
        }
        RoutingIndex index = RoutingIndex.build(kept, dimensions, neighbours, settings, random);
        double[] best = new double[heldOut.size()];
        int[] argmax = new int[heldOut.size()];
        for (int i = 0; i < best.length; i++) {
            double[] fit = policy.fit(index.fit(heldOut.get(i)));
            argmax[i] = argmax(fit);
            best[i] = fit[argmax[i]];
        }
        double[] sorted = best.clone();
        Arrays.sort(sorted);
        double threshold = fallbackBudget == 0 ? Double.NEGATIVE_INFINITY
                : sorted[Math.min(sorted.length - 1, (int) Math.floor(fallbackBudget * sorted.length))];
        int right = 0;
        for (int i = 0; i < best.length; i++) {
            if (best[i] >= threshold && argmax[i] == heldOutModel.get(i)) {
                right++;
            }
        }
        int caught = 0;
        for (Prompt q : outOfScope) {
            double[] fit = policy.fit(index.fit(q));
            int m = argmax(fit);
            if (fit[m] < threshold || m == general) {
                caught++;
            }
        }
        return new Calibration(threshold, fallbackBudget, sorted, best.length, (double) right / best.length,
                outOfScope.size(), outOfScope.isEmpty() ? Double.NaN : (double) caught / outOfScope.size());
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && threshold == c.threshold && fallbackBudget == c.fallbackBudget
                && Arrays.equals(heldOutFits, c.heldOutFits) && heldOut == c.heldOut;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(threshold) * 31 + Arrays.hashCode(heldOutFits);
    }

    @Override
    public String toString() {
        return "Calibration[threshold=%.4f, budget=%.3f, heldOut=%d, heldOutAccuracy=%.4f, outOfScope=%d, outOfScopeRecall=%.3f]"
                .formatted(threshold, fallbackBudget, heldOut, heldOutAccuracy, outOfScope, outOfScopeRecall);
    }
}
