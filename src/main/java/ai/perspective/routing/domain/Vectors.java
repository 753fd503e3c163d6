package ai.perspective.routing.domain;

/** Dense float arithmetic for unit-length embeddings, written so the JIT keeps several sums in flight. */
final class Vectors {

    private Vectors() {
    }

    /** The dot product of {@code a} and row {@code row} of the flat matrix {@code m} (rows of {@code a.length}). */
    static float dot(float[] a, float[] m, int row) {
        int d = a.length;
        int o = row * d;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            s0 += a[i] * m[o + i];
            s1 += a[i + 1] * m[o + i + 1];
            s2 += a[i + 2] * m[o + i + 2];
            s3 += a[i + 3] * m[o + i + 3];
        }
        for (; i < d; i++) {
            s0 += a[i] * m[o + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static float dot(float[] a, float[] b) {
        return dot(a, b, 0);
    }

    /** Scales {@code v} in place to unit length (a zero vector stays zero). */
    static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum > 0) {
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }
}
