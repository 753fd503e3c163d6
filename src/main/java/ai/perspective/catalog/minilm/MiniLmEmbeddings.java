package ai.perspective.catalog.minilm;

import ai.perspective.catalog.Embeddings;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
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
 *
 * <p>The session is ours, not langchain4j's default: at most two intra-op threads that sleep rather
 * than spin between operators. ONNX Runtime's default worker threads spin-wait, which on a small
 * machine shared with the application server steals the CPU the request itself needs: measured on
 * the 2-core machine under load, one query embedding took a median 35 ms of wall time with the
 * default session and 7 ms with this one (p99 200 ms and 23-69 ms).
 */
@ApplicationScoped
public class MiniLmEmbeddings implements Embeddings {

    public static final String MODEL = "all-MiniLM-L6-v2";
    private static final int DIMENSIONS = 384;

    @Resource
    private ManagedExecutorService managedExecutor;

    private Executor executor;
    private volatile AbstractInProcessEmbeddingModel engine;

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

    private AbstractInProcessEmbeddingModel engine() {
        AbstractInProcessEmbeddingModel loaded = engine;
        if (loaded == null) {
            synchronized (this) {
                loaded = engine;
                if (loaded == null) {
                    Executor batches = executor != null ? executor : managedExecutor;
                    loaded = new Engine(batches == null ? Runnable::run : batches);
                    engine = loaded;
                }
            }
        }
        return loaded;
    }

    /** The model and tokenizer that ship in langchain4j's jar, in a session with our threading. */
    private static final class Engine extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Engine(Executor batches) {
            super(batches);
            ClassLoader jar = AllMiniLmL6V2EmbeddingModel.class.getClassLoader();
            try (InputStream model = jar.getResourceAsStream("all-minilm-l6-v2.onnx");
                    InputStream tokenizer = jar.getResourceAsStream("all-minilm-l6-v2-tokenizer.json");
                    OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
                options.setInterOpNumThreads(1);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                encoder = new OnnxBertBiEncoder(environment, environment.createSession(model.readAllBytes(), options),
                        tokenizer, PoolingMode.MEAN);
            } catch (IOException | OrtException e) {
                throw new IllegalStateException("Could not load " + MODEL, e);
            }
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
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
