package ai.perspective.routing.domain;

/** A text and its embedding (unit length). */
public record Prompt(String text, float[] vector) {
}
