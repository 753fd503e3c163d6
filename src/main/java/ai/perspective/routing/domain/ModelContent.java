package ai.perspective.routing.domain;

import java.util.List;

/** What one routed model says about itself: its example prompts and its card (null when it has none). */
public record ModelContent(List<Prompt> examples, Prompt card) {

    public ModelContent {
        examples = List.copyOf(examples);
    }
}
