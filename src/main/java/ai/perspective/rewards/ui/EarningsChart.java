package ai.perspective.rewards.ui;

import ai.perspective.rewards.Ledger.DailyEarnings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Earnings per model per day as a stacked bar chart in hand-made SVG, rendered on the server: the
 * hub has no frontend build, and a chart this simple needs no library.
 */
public final class EarningsChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    static final int LEFT = 70;
    static final int BOTTOM = 40;
    static final int TOP = 10;
    static final String[] COLOURS = {"#3b82f6", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#14b8a6", "#64748b"};

    private EarningsChart() {
    }

    /** One bar per day from {@code from} to {@code to}; one colour per model (the 6 largest, the rest as "other"). */
    public static String svg(List<DailyEarnings> earnings, LocalDate from, LocalDate to) {
        List<String> models = topModels(earnings);
        List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
        Map<LocalDate, Map<String, BigInteger>> byDay = new LinkedHashMap<>();
        for (DailyEarnings e : earnings) {
            String model = models.contains(e.model()) ? e.model() : "other";
            byDay.computeIfAbsent(e.day(), d -> new LinkedHashMap<>()).merge(model, e.amount(), BigInteger::add);
        }
        BigInteger max = byDay.values().stream().map(m -> m.values().stream().reduce(BigInteger.ZERO, BigInteger::add))
                .max(BigInteger::compareTo).orElse(BigInteger.ZERO);
        List<String> series = new ArrayList<>(models);
        if (earnings.stream().anyMatch(e -> !models.contains(e.model()))) {
            series.add("other");
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"hub-chart\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT + 20 * ((series.size() + 2) / 3)).append("\">");
        svg.append("<title>Earnings per model and day</title>");
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int plotWidth = WIDTH - LEFT - 10;
        double slot = (double) plotWidth / days.size();
        svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - 10, HEIGHT - BOTTOM));
        svg.append(text(LEFT - 6, TOP + 10, "end", povLabel(max)));
        svg.append(text(LEFT - 6, HEIGHT - BOTTOM, "end", "0"));
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = days.get(i);
            double x = LEFT + i * slot + slot * 0.15;
            double y = HEIGHT - BOTTOM;
            Map<String, BigInteger> stack = byDay.getOrDefault(day, Map.of());
            for (int s = 0; s < series.size(); s++) {
                BigInteger amount = stack.getOrDefault(series.get(s), BigInteger.ZERO);
                if (amount.signum() == 0 || max.signum() == 0) {
                    continue;
                }
                double h = new BigDecimal(amount).multiply(BigDecimal.valueOf(plotHeight))
                        .divide(new BigDecimal(max), 4, RoundingMode.HALF_UP).doubleValue();
                y -= h;
                svg.append(String.format(java.util.Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s POV</title></rect>",
                        x, y, slot * 0.7, h, COLOURS[s % COLOURS.length], day, escape(series.get(s)), povLabel(amount)));
            }
            if (days.size() <= 10 || i % (days.size() / 7 + 1) == 0) {
                svg.append(text((int) (LEFT + i * slot + slot / 2), HEIGHT - BOTTOM + 16, "middle", day.toString().substring(5)));
            }
        }
        for (int s = 0; s < series.size(); s++) {
            int x = 10 + (s % 3) * 240;
            int y = HEIGHT + 20 * (s / 3);
            svg.append(String.format(java.util.Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                    x, y - 10, COLOURS[s % COLOURS.length]));
            svg.append(text(x + 18, y, "start", series.get(s)));
        }
        return svg.append("</svg>").toString();
    }

    private static List<String> topModels(List<DailyEarnings> earnings) {
        Map<String, BigInteger> totals = new LinkedHashMap<>();
        earnings.forEach(e -> totals.merge(e.model(), e.amount(), BigInteger::add));
        return totals.entrySet().stream().sorted(Map.Entry.<String, BigInteger>comparingByValue().reversed())
                .limit(COLOURS.length - 1).map(Map.Entry::getKey).sorted().toList();
    }

    static String povLabel(BigInteger baseUnits) {
        return new BigDecimal(baseUnits, 18).setScale(4, RoundingMode.DOWN).stripTrailingZeros().toPlainString();
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"#94a3b8\"/>";
    }

    private static String text(int x, int y, String anchor, String content) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\" font-size=\"11\" fill=\"currentColor\">"
                + escape(content) + "</text>";
    }

    /** Model names come from creators: never let one into the markup unescaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    static TreeSet<String> models(List<DailyEarnings> earnings) {
        TreeSet<String> models = new TreeSet<>();
        earnings.forEach(e -> models.add(e.model()));
        return models;
    }
}
