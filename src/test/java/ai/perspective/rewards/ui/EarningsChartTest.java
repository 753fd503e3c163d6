package ai.perspective.rewards.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.rewards.Ledger.DailyEarnings;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarningsChartTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    static final BigInteger POV = BigInteger.TEN.pow(18);

    @Test
    void oneBarSegmentPerModelAndDayAndALegend() {
        String svg = EarningsChart.svg(List.of(new DailyEarnings(DAY, "acme/chat", POV), new DailyEarnings(DAY, "acme/embed", POV),
                new DailyEarnings(DAY.plusDays(1), "acme/chat", POV.multiply(BigInteger.TWO))), DAY, DAY.plusDays(2));

        assertThat(svg).startsWith("<svg").endsWith("</svg>");
        assertThat(svg.split("</rect>").length - 1).as("three bar segments (legend swatches are empty rects)").isEqualTo(3);
        assertThat(svg).contains("2026-11-21 acme/chat: 2 POV").contains(">acme/embed</text>");
    }

    @Test
    void creatorChosenNamesCannotInjectMarkup() {
        String svg = EarningsChart.svg(List.of(new DailyEarnings(DAY, "<script>alert(1)</script>", POV)), DAY, DAY);

        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void anEmptyPeriodIsAnEmptyChart() {
        assertThat(EarningsChart.svg(List.of(), DAY, DAY.plusDays(6))).doesNotContain("<rect").contains("</svg>");
    }
}
