package ai.perspective.catalog.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void rendersMarkdownAndEscapesHtmlAndScriptUrls() {
        String html = Markdown.toHtml("**Fast** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>");

        assertThat(html).contains("<strong>Fast</strong>")
                .contains("&lt;script&gt;")
                .doesNotContain("<script").doesNotContain("<img").doesNotContain("javascript:");
    }

    @Test
    void pricesAreExactPov() {
        assertThat(Prices.pov(BigInteger.ZERO)).isEqualTo("0 POV");
        assertThat(Prices.pov(new BigInteger("25000000000000000000"))).isEqualTo("25 POV");
        assertThat(Prices.pov(BigInteger.valueOf(1000))).isEqualTo("0.000000000000001 POV");
    }
}
