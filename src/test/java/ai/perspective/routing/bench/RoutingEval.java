package ai.perspective.routing.bench;

import ai.perspective.catalog.ModelId;
import ai.perspective.catalog.minilm.MiniLmEmbeddings;
import ai.perspective.routing.RoutingCalibration;
import ai.perspective.routing.RoutingDecision;
import ai.perspective.routing.RoutingProfile;
import ai.perspective.routing.RoutingRequest;
import ai.perspective.routing.RoutingSetup;
import ai.perspective.routing.application.RoutingService;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.BufferedReader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Routes every line of a {@code {"text", "domain"}} JSONL file with the production router
 * ({@link RoutingService} over {@link MiniLmEmbeddings}) configured with a fixture catalog, and
 * prints accuracy and per-decision latency. Launched by {@code bench/routing-eval.sh}.
 *
 * <p>Usage: {@code RoutingEval CATALOG.json FILE.jsonl}. A decision is right when the chosen model's
 * {@code domain} in the catalog is the line's domain ({@code oos}: the general model). Latency is
 * the wall time of {@code route()}, embedding included, measured one request at a time after a
 * warm-up of 500 example prompts (the JIT's, as in a running server). The catalog's example
 * embeddings are kept in {@code target/routing-eval/} between runs ({@link StoredEmbeddings});
 * routed requests are always embedded afresh.
 */
public final class RoutingEval {

    private RoutingEval() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: RoutingEval CATALOG.json FILE.jsonl");
            System.exit(2);
        }
        run(Path.of(args[0]), Path.of(args[1]));
    }

    private static void run(Path catalogFile, Path linesFile) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            long start = System.nanoTime();
            JsonObject catalog = read(Files.readString(catalogFile));
            List<RoutingProfile> profiles = new ArrayList<>();
            Map<ModelId, String> domainOf = new HashMap<>();
            for (JsonObject m : catalog.getJsonArray("models").getValuesAs(JsonObject.class)) {
                ModelId id = ModelId.parse(m.getString("model"));
                domainOf.put(id, m.getString("domain"));
                profiles.add(new RoutingProfile(id, m.getString("card"), strings(m, "examples"),
                        new BigInteger(m.getString("pricePerMillion")), Duration.ofMillis(m.getJsonNumber("latencyMs").longValue()),
                        m.getJsonNumber("errorRate").doubleValue()));
            }
            ModelId general = ModelId.parse(catalog.getString("general"));
            List<String> outOfScope = strings(catalog, "outOfScope");

            Path store = Path.of(System.getProperty("routing.eval.store", "target/routing-eval/catalog-embeddings.bin"));
            RoutingService router = new RoutingService(new StoredEmbeddings(new MiniLmEmbeddings(executor), store));
            double budget = Double.parseDouble(System.getProperty("routing.eval.fallbackBudget",
                    String.valueOf(RoutingSetup.DEFAULT_FALLBACK_BUDGET)));
            RoutingCalibration calibration = router.configure(new RoutingSetup(profiles, general, outOfScope, budget));
            System.out.printf(Locale.ROOT, "configured %d models in %.1f s: fallback budget=%.4f threshold=%.4f held-out=%d held-out-accuracy=%.4f "
                    + "oos-train=%d oos-train-recall=%.3f%n", profiles.size(), (System.nanoTime() - start) / 1e9,
                    budget, calibration.threshold(), calibration.heldOut(), calibration.heldOutAccuracy(), calibration.outOfScope(),
                    calibration.outOfScopeRecall());

            int warm = 0;
            for (RoutingProfile p : profiles) {
                for (String prompt : p.examplePrompts().subList(0, Math.min(50, p.examplePrompts().size()))) {
                    router.route(RoutingRequest.of(prompt));
                    warm++;
                }
            }

            int inScope = 0;
            int inScopeRight = 0;
            int oos = 0;
            int oosRight = 0;
            int inScopeToGeneral = 0;
            List<Long> nanos = new ArrayList<>();
            List<Long> cpuNanos = new ArrayList<>();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            try (BufferedReader lines = Files.newBufferedReader(linesFile)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonObject item = read(line);
                    String expected = item.getString("domain");
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    RoutingDecision decision = router.route(RoutingRequest.of(item.getString("text")));
                    nanos.add(System.nanoTime() - t0);
                    cpuNanos.add(threads.getCurrentThreadCpuTime() - cpu0);
                    boolean right = expected.equals("oos") ? decision.model().equals(general)
                            : expected.equals(domainOf.get(decision.model()));
                    if (expected.equals("oos")) {
                        oos++;
                        oosRight += right ? 1 : 0;
                    } else {
                        inScope++;
                        inScopeRight += right ? 1 : 0;
                        inScopeToGeneral += decision.model().equals(general) ? 1 : 0;
                    }
                }
            }
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] cpuSorted = cpuNanos.stream().mapToLong(Long::longValue).sorted().toArray();
            // the machine may be shared: CPU time of the routing thread shows what contention adds to wall time
            System.out.printf(Locale.ROOT, "route() cpu time of the calling thread: p50_ms=%.2f p99_ms=%.2f; load average %.2f on %d cores%n",
                    percentile(cpuSorted, 0.50), percentile(cpuSorted, 0.99),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "routed %d lines (%d in scope, %d oos) after %d warm-up requests; total %.1f s%n",
                    sorted.length, inScope, oos, warm, (System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "in-scope errors: %d sent to the general model, %d to another specialist%n",
                    inScopeToGeneral, inScope - inScopeRight - inScopeToGeneral);
            System.out.printf(Locale.ROOT, "in_scope_accuracy=%.4f oos_recall=%.4f p50_ms=%.2f p99_ms=%.2f%n",
                    inScope == 0 ? 0 : (double) inScopeRight / inScope, oos == 0 ? 0 : (double) oosRight / oos,
                    percentile(sorted, 0.50), percentile(sorted, 0.99));
        } finally {
            executor.shutdown();
        }
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static List<String> strings(JsonObject o, String key) {
        return o.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static JsonObject read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
