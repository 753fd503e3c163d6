package ai.perspective.routing.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic unit embeddings: points scattered around a few topic directions. */
final class TopicVectors {

    static final int DIMENSIONS = 32;

    private final Random random = new Random(7);
    private final List<float[]> topics = new ArrayList<>();

    TopicVectors(int topicCount) {
        for (int t = 0; t < topicCount; t++) {
            topics.add(unit(gaussian(1)));
        }
    }

    /** A point near topic {@code t}; {@code spread} 0.3 keeps topics apart. */
    float[] near(int t, double spread) {
        float[] noise = gaussian(spread / Math.sqrt(DIMENSIONS));
        float[] v = topics.get(t).clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += noise[i];
        }
        return unit(v);
    }

    /** A point far from every topic. */
    float[] elsewhere() {
        return unit(gaussian(1));
    }

    private float[] gaussian(double scale) {
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    private static float[] unit(float[] v) {
        return Vectors.normalize(v);
    }
}
