package ai.perspective.catalog;

import java.util.List;

/**
 * Sentence embeddings computed inside the hub by its built-in model (all-MiniLM-L6-v2): the
 * catalog serves them as a built-in model and routing compares requests with model cards.
 *
 * <p>Vectors have {@link #dimensions()} components and unit length, so the dot product of two of
 * them is their cosine similarity. Implementations are thread-safe; the first call may wait for
 * the model to load (about a second).
 */
public interface Embeddings {

    /** The embedding of one text. */
    float[] embed(String text);

    /** The embeddings of many texts, in their order; faster than one {@link #embed} per text. */
    List<float[]> embedAll(List<String> texts);

    /** The number of components of every vector, e.g. 384. */
    int dimensions();

    /** The engine's name, as in {@link Catalog.BuiltIn#engine()}, e.g. {@code all-MiniLM-L6-v2}. */
    String model();
}
