package ai.perspective.routing.application;

import ai.perspective.catalog.Embeddings;
import ai.perspective.catalog.ModelId;
import ai.perspective.routing.Feedback;
import ai.perspective.routing.Router;
import ai.perspective.routing.RoutingCalibration;
import ai.perspective.routing.RoutingDecision;
import ai.perspective.routing.RoutingDecisionId;
import ai.perspective.routing.RoutingProfile;
import ai.perspective.routing.RoutingRequest;
import ai.perspective.routing.RoutingSetup;
import ai.perspective.routing.domain.Calibration;
import ai.perspective.routing.domain.ModelContent;
import ai.perspective.routing.domain.ModelFacts;
import ai.perspective.routing.domain.Prompt;
import ai.perspective.routing.domain.PrototypeClassifier;
import ai.perspective.routing.domain.RoutingIndex;
import ai.perspective.routing.domain.RoutingPolicy;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The router: embeds with the catalog's built-in model, scores with {@link RoutingPolicy} over a
 * {@link RoutingIndex}, falls back below the {@link Calibration calibrated} threshold.
 *
 * <p>State is one immutable snapshot of the routed models, swapped whole by {@link #configure},
 * plus three bounded in-memory records: recent decisions (so feedback finds its request), recent
 * feedback (re-applied after a re-configuration) and per-model call statistics. All of it is lost
 * on restart; the owner of feedback persists it and may replay it.
 */
@ApplicationScoped
public class RoutingService implements Router {

    /** k of the nearest-example fit. */
    static final int NEIGHBOURS = 10;
    /** Decisions remembered for feedback, and feedback remembered for re-configuration. */
    static final int MEMORY = 10_000;
    /** Weight of the newest call in the moving averages of latency and errors. */
    static final double CALL_WEIGHT = 0.05;
    /** Query embeddings kept for repeated requests (1.5 KB each). */
    static final int QUERY_CACHE = 1024;
    private static final long SEED = 20191103L;

    private record Snapshot(List<RoutingProfile> profiles, Map<ModelId, Integer> indexOf, RoutingIndex index,
            Calibration calibration, int general, double[] relativePrice, Routed routed) {
    }

    /** A decision as remembered for feedback: the request and its embedding. */
    private record Decided(String prompt, float[] query) {
    }

    private record Remembered(float[] query, ModelId model, boolean helpful) {
    }

    private static final class CallStats {
        double latencyMillis;
        double errorRate;

        CallStats(double latencyMillis, double errorRate) {
            this.latencyMillis = latencyMillis;
            this.errorRate = errorRate;
        }
    }

    private Embeddings embeddings;
    private RoutingPolicy policy;
    private PrototypeClassifier.Settings settings;

    private volatile Snapshot snapshot;
    private final Map<String, float[]> embedded = new ConcurrentHashMap<>();
    private final Map<ModelId, CallStats> stats = new ConcurrentHashMap<>();
    private final Map<RoutingDecisionId, Decided> decisions = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RoutingDecisionId, Decided> eldest) {
            return size() > MEMORY;
        }
    };
    private final Deque<Remembered> feedbackLog = new ArrayDeque<>();

    /** For CDI's proxy. */
    protected RoutingService() {
    }

    @Inject
    public RoutingService(Embeddings embeddings) {
        this(embeddings, RoutingPolicy.DEFAULT, PrototypeClassifier.Settings.DEFAULT);
    }

    public RoutingService(Embeddings embeddings, RoutingPolicy policy, PrototypeClassifier.Settings settings) {
        this.embeddings = embeddings;
        this.policy = policy;
        this.settings = settings;
    }

    @Override
    public synchronized RoutingCalibration configure(RoutingSetup setup) {
        List<RoutingProfile> profiles = setup.profiles();
        embedMissing(setup);
        List<ModelContent> models = new ArrayList<>();
        Map<ModelId, Integer> indexOf = new HashMap<>();
        for (RoutingProfile p : profiles) {
            indexOf.put(p.model(), indexOf.size());
            models.add(new ModelContent(p.examplePrompts().stream().map(this::prompt).toList(),
                    p.card().isEmpty() ? null : prompt(p.card())));
        }
        List<Prompt> outOfScope = setup.outOfScopeExamples().stream().map(this::prompt).toList();
        int general = indexOf.get(setup.generalModel());
        int dims = embeddings.dimensions();
        Calibration calibration = Calibration.calibrate(models, outOfScope, general, setup.fallbackBudget(), policy,
                dims, NEIGHBOURS, settings, new Random(SEED));
        RoutingIndex index = RoutingIndex.build(models, dims, NEIGHBOURS, settings, new Random(SEED + 1));
        synchronized (feedbackLog) {
            for (Remembered r : feedbackLog) {
                Integer m = indexOf.get(r.model());
                if (m != null) {
                    index.learn(r.query(), m, r.helpful());
                }
            }
        }
        for (RoutingProfile p : profiles) {
            stats.computeIfAbsent(p.model(),
                    id -> new CallStats(p.recentLatency().toNanos() / 1e6, p.recentErrorRate()));
        }
        stats.keySet().retainAll(indexOf.keySet());
        RoutingCalibration result = new RoutingCalibration(calibration.threshold(), calibration.fallbackBudget(),
                calibration.heldOut(), calibration.heldOutAccuracy(), calibration.outOfScope(), calibration.outOfScopeRecall());
        Routed routed = new Routed(profiles.stream().map(RoutingProfile::model).toList(), setup.generalModel(), result,
                java.time.Instant.now());
        snapshot = new Snapshot(profiles, Map.copyOf(indexOf), index, calibration, general, relativePrices(profiles), routed);
        retainEmbeddingsOf(setup);
        return result;
    }

    @Override
    public RoutingDecision route(RoutingRequest request) {
        Snapshot s = snapshot;
        if (s == null) {
            throw new HubException(HubException.Kind.CONFLICT, "routing-unavailable", "model",
                    "No models are routed yet: name a model instead of " + AUTO + ".");
        }
        float[] query = embed(request.prompt());
        RoutingPolicy.Ranking ranking = policy.rank(s.index().fit(new Prompt(request.prompt(), query)), facts(s), request.costWeight(),
                s.calibration().threshold(), s.general());
        RoutingDecisionId id = request.id() == null ? RoutingDecisionId.random() : request.id();
        synchronized (decisions) {
            decisions.put(id, new Decided(request.prompt(), query));
        }
        List<RoutingDecision.Candidate> candidates = new ArrayList<>(ranking.ranked().size());
        for (RoutingPolicy.Scored c : ranking.ranked()) {
            ModelId model = s.profiles().get(c.model()).model();
            if (request.allowed().isEmpty() || request.allowed().contains(model)) {
                candidates.add(new RoutingDecision.Candidate(model, c.score(), c.fit(), c.exampleFit(), c.lexicalFit(),
                        c.classifier(), c.cardFit(), c.pricePenalty(), c.reliabilityPenalty(), c.eligible()));
            }
        }
        if (candidates.isEmpty()) {
            throw HubException.invalid("models", "no-allowed-model",
                    "None of the allowed models is routed: allow at least one published chat model.");
        }
        boolean fallback = ranking.fallback() && candidates.get(0).model().equals(s.profiles().get(s.general()).model());
        double confidence = s.calibration().confidence(ranking.bestFit());
        return new RoutingDecision(id, candidates.get(0).model(), confidence, fallback, List.copyOf(candidates),
                reasons(ranking, candidates, s.calibration(), confidence, !request.allowed().isEmpty()));
    }

    @Override
    public boolean feedback(Feedback feedback) {
        float[] query;
        synchronized (decisions) {
            Decided decided = decisions.get(feedback.decision());
            query = decided == null ? null : decided.query();
        }
        Snapshot s = snapshot;
        Integer model = s == null ? null : s.indexOf().get(feedback.model());
        if (query == null || model == null) {
            return false;
        }
        s.index().learn(query, model, feedback.helpful());
        synchronized (feedbackLog) {
            feedbackLog.addLast(new Remembered(query, feedback.model(), feedback.helpful()));
            while (feedbackLog.size() > MEMORY) {
                feedbackLog.removeFirst();
            }
        }
        return true;
    }

    @Override
    public boolean learn(String prompt, ModelId model, boolean helpful) {
        if (prompt == null || prompt.isBlank() || model == null) {
            return false;
        }
        float[] query = embed(prompt);
        synchronized (feedbackLog) {
            feedbackLog.addLast(new Remembered(query, model, helpful));
            while (feedbackLog.size() > MEMORY) {
                feedbackLog.removeFirst();
            }
        }
        Snapshot s = snapshot;
        Integer index = s == null ? null : s.indexOf().get(model);
        if (index == null) {
            return false;
        }
        s.index().learn(query, index, helpful);
        return true;
    }

    @Override
    public java.util.Optional<String> prompt(RoutingDecisionId decision) {
        synchronized (decisions) {
            return java.util.Optional.ofNullable(decisions.get(decision)).map(Decided::prompt);
        }
    }

    @Override
    public java.util.Optional<Routed> routed() {
        Snapshot s = snapshot;
        return s == null ? java.util.Optional.empty() : java.util.Optional.of(s.routed());
    }

    @Override
    public void observe(ModelId model, Duration latency, boolean failed) {
        double millis = Math.max(0, latency.toNanos() / 1e6);
        stats.compute(model, (id, current) -> {
            if (current == null) {
                return new CallStats(millis, failed ? 1 : 0);
            }
            current.latencyMillis += CALL_WEIGHT * (millis - current.latencyMillis);
            current.errorRate += CALL_WEIGHT * ((failed ? 1 : 0) - current.errorRate);
            return current;
        });
    }

    /** Recent requests' embeddings: a retried or repeated request (e.g. a playground rerun) skips the model. */
    private final Map<String, float[]> recentQueries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > QUERY_CACHE;
        }
    };

    private float[] embed(String prompt) {
        synchronized (recentQueries) {
            float[] cached = recentQueries.get(prompt);
            if (cached != null) {
                return cached;
            }
        }
        float[] query = embeddings.embed(prompt);
        synchronized (recentQueries) {
            recentQueries.put(prompt, query);
        }
        return query;
    }

    private List<ModelFacts> facts(Snapshot s) {
        List<ModelFacts> facts = new ArrayList<>(s.profiles().size());
        for (int m = 0; m < s.profiles().size(); m++) {
            CallStats c = stats.get(s.profiles().get(m).model());
            facts.add(c == null ? new ModelFacts(s.relativePrice()[m], 0, 0)
                    : new ModelFacts(s.relativePrice()[m], c.latencyMillis, Math.min(1, Math.max(0, c.errorRate))));
        }
        return facts;
    }

    /** Price over the dearest routed model's price: a ratio for scoring, never an amount of money. */
    private static double[] relativePrices(List<RoutingProfile> profiles) {
        BigInteger max = profiles.stream().map(RoutingProfile::pricePerMillion).reduce(BigInteger.ZERO, BigInteger::max);
        double[] relative = new double[profiles.size()];
        for (int m = 0; m < relative.length; m++) {
            relative[m] = max.signum() == 0 ? 0
                    : new BigDecimal(profiles.get(m).pricePerMillion()).divide(new BigDecimal(max), MathContext.DECIMAL64)
                            .doubleValue();
        }
        return relative;
    }

    private Prompt prompt(String text) {
        return new Prompt(text, embedded.get(text));
    }

    private void embedMissing(RoutingSetup setup) {
        List<String> missing = allTexts(setup).stream().distinct().filter(t -> !embedded.containsKey(t)).toList();
        int batch = 256;
        for (int from = 0; from < missing.size(); from += batch) {
            List<String> texts = missing.subList(from, Math.min(missing.size(), from + batch));
            List<float[]> vectors = embeddings.embedAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                embedded.put(texts.get(i), vectors.get(i));
            }
        }
    }

    private void retainEmbeddingsOf(RoutingSetup setup) {
        embedded.keySet().retainAll(new java.util.HashSet<>(allTexts(setup)));
    }

    private static List<String> allTexts(RoutingSetup setup) {
        List<String> texts = new ArrayList<>();
        for (RoutingProfile p : setup.profiles()) {
            if (!p.card().isEmpty()) {
                texts.add(p.card());
            }
            texts.addAll(p.examplePrompts());
        }
        texts.addAll(setup.outOfScopeExamples());
        return texts;
    }

    private static List<String> reasons(RoutingPolicy.Ranking ranking, List<RoutingDecision.Candidate> candidates,
            Calibration calibration, double confidence, boolean restricted) {
        RoutingDecision.Candidate chosen = candidates.get(0);
        if (ranking.fallback()) {
            String why = "No model fits this request with confidence (best fit %.3f, threshold %.3f): "
                    .formatted(ranking.bestFit(), calibration.threshold());
            return List.of(chosen.eligible() ? why + "the general model answers."
                    : why + "the general model is not allowed, so the best-scoring allowed model " + chosen.model() + " answers.");
        }
        if (restricted && !chosen.eligible()) {
            return List.of("None of the allowed models fits as well as the best routed one: " + chosen.model()
                    + " scores highest among them (fit %.3f).".formatted(chosen.fit()));
        }
        List<String> reasons = new ArrayList<>();
        RoutingDecision.Candidate bestFit = candidates.stream()
                .max(java.util.Comparator.comparingDouble(RoutingDecision.Candidate::fit)).orElseThrow();
        reasons.add("%s fits best: examples %.3f, wording %.3f, classifier %.3f, card %.3f (confidence %.2f)."
                .formatted(bestFit.model(), bestFit.exampleFit(), bestFit.lexicalFit(), bestFit.classifier(),
                        bestFit.cardFit(), confidence));
        if (!bestFit.model().equals(chosen.model())) {
            reasons.add("%s chosen instead: it fits well enough (%.3f) and scores higher with price %.3f and reliability %.3f penalties against %.3f and %.3f."
                    .formatted(chosen.model(), chosen.fit(), chosen.pricePenalty(), chosen.reliabilityPenalty(),
                            bestFit.pricePenalty(), bestFit.reliabilityPenalty()));
        }
        return reasons;
    }
}
