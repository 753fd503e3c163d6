package ai.perspective.routing.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word overlap with each model's example prompts: the mean TF-IDF cosine (words and word pairs)
 * of the query's {@code k} nearest examples of that model. A small sentence-embedding model blurs
 * short requests that differ in one telling word ("change your name" vs "what is your name");
 * counting words keeps them apart, and the two signals err on different requests.
 *
 * <p>Immutable; an inverted index, so a query touches only the examples that share a term with it.
 */
public final class LexicalIndex {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    private final int k;
    private final Map<String, Integer> termIds = new HashMap<>();
    private final double[] idf;
    /** Per term, the examples containing it and the term's weight in each (examples' vectors are unit). */
    private final int[][] postingExamples;
    private final float[][] postingWeights;
    private final int[] modelOf;
    private final int models;
    private final int[] examples;

    /** {@code examples.get(m)} are model {@code m}'s example prompts. */
    public LexicalIndex(List<List<String>> examples, int k) {
        this.k = k;
        this.models = examples.size();
        List<List<String>> terms = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (int m = 0; m < examples.size(); m++) {
            for (String text : examples.get(m)) {
                List<String> t = terms(text);
                terms.add(t);
                owners.add(m);
                t.stream().distinct().forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
            }
        }
        int n = terms.size();
        modelOf = owners.stream().mapToInt(Integer::intValue).toArray();
        this.examples = new int[models];
        for (int owner : modelOf) {
            this.examples[owner]++;
        }
        idf = new double[documentFrequency.size()];
        for (Map.Entry<String, Integer> e : documentFrequency.entrySet()) {
            int id = termIds.size();
            termIds.put(e.getKey(), id);
            idf[id] = Math.log((1.0 + n) / (1.0 + e.getValue())) + 1;
        }
        List<List<int[]>> postings = new ArrayList<>();
        List<List<Float>> weights = new ArrayList<>();
        for (int t = 0; t < idf.length; t++) {
            postings.add(new ArrayList<>());
            weights.add(new ArrayList<>());
        }
        for (int doc = 0; doc < n; doc++) {
            Map<Integer, Double> vector = vector(terms.get(doc));
            for (Map.Entry<Integer, Double> e : vector.entrySet()) {
                postings.get(e.getKey()).add(new int[] {doc});
                weights.get(e.getKey()).add(e.getValue().floatValue());
            }
        }
        postingExamples = new int[idf.length][];
        postingWeights = new float[idf.length][];
        for (int t = 0; t < idf.length; t++) {
            postingExamples[t] = postings.get(t).stream().mapToInt(a -> a[0]).toArray();
            float[] w = new float[weights.get(t).size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = weights.get(t).get(i);
            }
            postingWeights[t] = w;
        }
    }

    /**
     * Per model, the mean cosine of the query's {@code k} most similar examples (0 for examples it
     * shares no term with); {@link Double#NaN} for a model without examples.
     */
    public double[] fit(String query) {
        Scratch scratch = scratch();
        double[] fit = fit(query, scratch.scores, scratch.touched);
        scratches.offer(scratch); // only when it is clean again: an exception drops it
        return fit;
    }

    /** {@code scores} is all zeros on entry and left so (only touched entries are reset). */
    private double[] fit(String query, float[] scores, int[] touched) {
        Map<Integer, Double> q = vector(terms(query));
        int touchedCount = 0;
        for (Map.Entry<Integer, Double> e : q.entrySet()) {
            int t = e.getKey();
            float qw = e.getValue().floatValue();
            int[] docs = postingExamples[t];
            float[] w = postingWeights[t];
            for (int i = 0; i < docs.length; i++) {
                int doc = docs[i];
                if (scores[doc] == 0) {
                    touched[touchedCount++] = doc;
                }
                scores[doc] += qw * w[i];
            }
        }
        float[][] top = new float[models][k];
        int[] kept = new int[models];
        for (int i = 0; i < touchedCount; i++) {
            int doc = touched[i];
            int m = modelOf[doc];
            float s = scores[doc];
            scores[doc] = 0;
            if (kept[m] < k) {
                top[m][kept[m]++] = s;
            } else {
                int smallest = 0;
                for (int j = 1; j < k; j++) {
                    if (top[m][j] < top[m][smallest]) {
                        smallest = j;
                    }
                }
                if (s > top[m][smallest]) {
                    top[m][smallest] = s;
                }
            }
        }
        double[] fit = new double[models];
        for (int m = 0; m < models; m++) {
            if (examples[m] == 0) {
                fit[m] = Double.NaN;
                continue;
            }
            double sum = 0;
            for (int j = 0; j < kept[m]; j++) {
                sum += top[m][j];
            }
            fit[m] = sum / Math.min(k, examples[m]);
        }
        return fit;
    }

    /**
     * Per-query work arrays as long as the number of examples: pooled rather than allocated per
     * request (requests run on fresh virtual threads, so a thread-local would not be reused).
     */
    private static final class Scratch {
        final float[] scores;
        final int[] touched;

        Scratch(int examples) {
            scores = new float[examples];
            touched = new int[examples];
        }
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Scratch> scratches = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private Scratch scratch() {
        Scratch s = scratches.poll();
        return s != null ? s : new Scratch(modelOf.length);
    }

    /** Sublinear term frequency times IDF, unit length; terms unknown to the index are dropped. */
    private Map<Integer, Double> vector(List<String> terms) {
        Map<Integer, Integer> frequency = new HashMap<>();
        for (String term : terms) {
            Integer id = termIds.get(term);
            if (id != null) {
                frequency.merge(id, 1, Integer::sum);
            }
        }
        Map<Integer, Double> vector = new HashMap<>();
        double norm = 0;
        for (Map.Entry<Integer, Integer> e : frequency.entrySet()) {
            double w = (1 + Math.log(e.getValue())) * idf[e.getKey()];
            vector.put(e.getKey(), w);
            norm += w * w;
        }
        if (norm > 0) {
            double scale = 1 / Math.sqrt(norm);
            vector.replaceAll((t, w) -> w * scale);
        }
        return vector;
    }

    /** Lower-case words and adjacent word pairs. */
    static List<String> terms(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        List<String> terms = new ArrayList<>(words);
        for (int i = 0; i + 1 < words.size(); i++) {
            terms.add(words.get(i) + ' ' + words.get(i + 1));
        }
        return terms;
    }
}
