package ai.perspective.catalog.minilm;

import ai.perspective.catalog.Embeddings;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * all-MiniLM-L6-v2 in process. The ONNX model (90 MB) is loaded on first use, not at deployment,
 * so the hub starts as fast without it; after that every call runs on the caller's thread
 * ({@link #embed}) or on the managed executor ({@link #embedAll}). ONNX Runtime sessions are
 * thread-safe, so one instance serves every request.
 */
@ApplicationScoped
public class MiniLmEmbeddings implements Embeddings {

    public static final String MODEL = "all-MiniLM-L6-v2";
    private static final int DIMENSIONS = 384;

    @Resource
    private ManagedExecutorService managedExecutor;

    private Executor executor;
    private volatile AllMiniLmL6V2EmbeddingModel engine;

    /** For CDI: batches run on the server's managed executor. */
    protected MiniLmEmbeddings() {
    }

    /** Outside a server (benchmarks, tools): batches run on {@code executor}. */
    public MiniLmEmbeddings(Executor executor) {
        this.executor = Objects.requireNonNull(executor);
    }

    @Override
    public float[] embed(String text) {
        return unit(engine().embed(text == null ? "" : text).content().vector());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(t == null || t.isEmpty() ? " " : t)).toList();
        List<Embedding> embeddings = engine().embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            vectors.add(unit(embedding.vector()));
        }
        return vectors;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public String model() {
        return MODEL;
    }

    private AllMiniLmL6V2EmbeddingModel engine() {
        AllMiniLmL6V2EmbeddingModel loaded = engine;
        if (loaded == null) {
            synchronized (this) {
                loaded = engine;
                if (loaded == null) {
                    Executor batches = executor != null ? executor : managedExecutor;
                    loaded = batches == null ? new AllMiniLmL6V2EmbeddingModel() : new AllMiniLmL6V2EmbeddingModel(batches);
                    engine = loaded;
                }
            }
        }
        return loaded;
    }

    /** The engine already normalises; doing it again costs nothing and makes dot = cosine a guarantee. */
    private static float[] unit(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        if (sum == 0) {
            return vector;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = vector[i] * scale;
        }
        return unit;
    }
}
