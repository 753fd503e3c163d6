package ai.perspective.routing.application;

import ai.perspective.catalog.Embeddings;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** A stand-in for MiniLM in unit tests: the normalised sum of a fixed random vector per word. */
final class WordEmbeddings implements Embeddings {

    private static final int DIMENSIONS = 64;

    @Override
    public float[] embed(String text) {
        float[] sum = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (word.isEmpty()) {
                continue;
            }
            Random random = new Random(word.hashCode());
            for (int i = 0; i < DIMENSIONS; i++) {
                sum[i] += (float) random.nextGaussian();
            }
        }
        double norm = 0;
        for (float v : sum) {
            norm += v * v;
        }
        for (int i = 0; i < DIMENSIONS && norm > 0; i++) {
            sum[i] /= (float) Math.sqrt(norm);
        }
        return sum;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String model() {
        return "word-hash";
    }
}
