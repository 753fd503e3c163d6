/**
 * The catalog's built-in embedding engine, all-MiniLM-L6-v2 through langchain4j and ONNX Runtime:
 * the only place that imports {@code dev.langchain4j}. The jars are the server module
 * {@code dev.langchain4j.embeddings}, not part of the WAR.
 */
package ai.perspective.catalog.minilm;
