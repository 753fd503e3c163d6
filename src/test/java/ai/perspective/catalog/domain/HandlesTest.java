package ai.perspective.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.catalog.ModelId;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlesTest {

    @Test
    void slugsAreAsciiLowerCaseWords() {
        assertThat(Handles.slug("Zoë's Lab!")).isEqualTo("zoes-lab");
        assertThat(Handles.slug("  ACME  Models, Inc. ")).isEqualTo("acme-models-inc");
        assertThat(Handles.slug("日本")).isEqualTo("creator");
        assertThat(Handles.slug("a".repeat(100))).hasSize(Handles.MAX_BASE);
    }

    @Test
    void everySlugFitsAModelId() {
        for (String name : new String[] {"Zoë", "-x-", "A B C", "---", "9lives", "x".repeat(80) + " y"}) {
            String handle = Handles.unique(Handles.slug(name), List.of());
            assertThat(new ModelId(handle, "m").creator()).isEqualTo(handle);
        }
    }

    @Test
    void takenAndReservedHandlesGetTheSmallestFreeSuffix() {
        assertThat(Handles.unique("acme", List.of())).isEqualTo("acme");
        assertThat(Handles.unique("acme", List.of("acme", "acme-2", "acme-labs"))).isEqualTo("acme-3");
        assertThat(Handles.unique("perspective", List.of())).isEqualTo("perspective-2");
    }
}
