package ai.perspective.routing.bench;

import ai.perspective.catalog.Embeddings;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the embeddings of batch-embedded texts (the fixture catalog's example prompts) in a file,
 * so a second run of the benchmark does not embed 15,000 prompts again: what a hub does with the
 * embeddings of published examples. Single requests ({@link #embed}, what {@code route} calls) are
 * never stored or looked up: every routed request is embedded afresh.
 */
final class StoredEmbeddings implements Embeddings {

    private final Embeddings engine;
    private final Path file;
    private final Map<String, float[]> stored = new HashMap<>();

    StoredEmbeddings(Embeddings engine, Path file) {
        this.engine = engine;
        this.file = file;
        if (Files.exists(file)) {
            load();
        }
    }

    @Override
    public float[] embed(String text) {
        return engine.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<String> missing = texts.stream().filter(t -> !stored.containsKey(t)).distinct().toList();
        if (!missing.isEmpty()) {
            List<float[]> vectors = engine.embedAll(missing);
            for (int i = 0; i < missing.size(); i++) {
                stored.put(missing.get(i), vectors.get(i));
            }
            save();
        }
        List<float[]> result = new ArrayList<>(texts.size());
        for (String t : texts) {
            result.add(stored.get(t));
        }
        return result;
    }

    @Override
    public int dimensions() {
        return engine.dimensions();
    }

    @Override
    public String model() {
        return engine.model();
    }

    private void load() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!engine.model().equals(in.readUTF())) {
                return;
            }
            while (true) {
                String text;
                try {
                    text = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                float[] v = new float[in.readInt()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                stored.put(text, v);
            }
        } catch (IOException e) {
            stored.clear();
        }
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
                out.writeUTF(engine.model());
                for (Map.Entry<String, float[]> e : stored.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
