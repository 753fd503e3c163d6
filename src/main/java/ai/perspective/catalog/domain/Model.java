package ai.perspective.catalog.domain;

import ai.perspective.catalog.Catalog.BuiltIn;
import ai.perspective.catalog.Catalog.ExternalEndpoint;
import ai.perspective.catalog.Catalog.Serving;
import ai.perspective.catalog.Catalog.Status;
import ai.perspective.catalog.Catalog.Task;
import ai.perspective.catalog.ModelId;
import ai.perspective.identity.AccountId;
import ai.perspective.shared.HubException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A model card: what a creator offers, at what price, and how the hub reaches it. Its status moves
 * draft ⇄ published by the creator, and to delisted (and back to draft) only by an administrator.
 */
@Entity
@Table(name = "catalog_model")
public class Model {

    @Id
    private String id;

    @Column(name = "creator_id", nullable = false)
    private UUID creatorId;

    @Column(nullable = false)
    private String handle;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String description;

    @Column(nullable = false)
    private String licence;

    @Column(name = "context_length", nullable = false)
    private int contextLength;

    @Column(name = "input_price", nullable = false, precision = 38)
    private BigInteger inputPrice;

    @Column(name = "output_price", nullable = false, precision = 38)
    private BigInteger outputPrice;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "serving_kind", nullable = false)
    private String servingKind;

    @Column(name = "base_url")
    private String baseUrl;

    @Column(name = "upstream_model")
    private String upstreamModel;

    /** AES-GCM ciphertext of the upstream API secret; the clear secret is never stored. */
    @Column(name = "secret_ciphertext")
    private String secretCiphertext;

    private String engine;

    @Column(name = "delisted_reason")
    private String delistedReason;

    /** Written only by {@link Models#addCalls}, never by a flush of this entity: an edit cannot lose counted calls. */
    @Column(nullable = false, updatable = false)
    private long calls;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "catalog_model_task", joinColumns = @JoinColumn(name = "model_id"))
    @Column(name = "task", nullable = false)
    @Enumerated(EnumType.STRING)
    private Set<Task> tasks = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "catalog_model_example", joinColumns = @JoinColumn(name = "model_id"))
    @OrderColumn(name = "idx")
    @Column(name = "prompt", nullable = false)
    private List<String> examplePrompts = new ArrayList<>();

    @Version
    private long version;

    protected Model() {
    }

    public Model(ModelId id, AccountId creator, ModelSpec spec, Instant now) {
        this.id = id.toString();
        this.handle = id.creator();
        this.name = id.name();
        this.creatorId = creator.value();
        this.status = Status.DRAFT;
        this.createdAt = now;
        edit(spec, now);
    }

    /** Replaces every editable field; the id, owner, status and secret stay. */
    public void edit(ModelSpec spec, Instant now) {
        this.title = spec.title();
        this.description = spec.description();
        this.tasks.clear();
        this.tasks.addAll(spec.tasks());
        this.licence = spec.licence();
        this.contextLength = spec.contextLength();
        this.inputPrice = spec.inputPricePerMillion();
        this.outputPrice = spec.outputPricePerMillion();
        if (!examplePrompts.equals(spec.examplePrompts())) {
            this.examplePrompts.clear();
            this.examplePrompts.addAll(spec.examplePrompts());
        }
        switch (spec.serving()) {
            case ExternalEndpoint external -> {
                this.servingKind = ModelSpec.kind(external);
                this.baseUrl = external.baseUrl().toString();
                this.upstreamModel = external.upstreamModel();
                this.engine = null;
            }
            case BuiltIn builtIn -> {
                this.servingKind = ModelSpec.kind(builtIn);
                this.baseUrl = null;
                this.upstreamModel = null;
                this.engine = builtIn.engine();
                this.secretCiphertext = null;
            }
        }
        this.updatedAt = now;
    }

    /** Stores a new encrypted secret, or forgets it with {@code null}. */
    public void replaceSecret(String ciphertext, Instant now) {
        this.secretCiphertext = ciphertext;
        this.updatedAt = now;
    }

    public void publish(Instant now) {
        refuseIfDelisted("published");
        this.status = Status.PUBLISHED;
        this.updatedAt = now;
    }

    public void unpublish(Instant now) {
        refuseIfDelisted("unpublished");
        this.status = Status.DRAFT;
        this.updatedAt = now;
    }

    public void delist(String reason, Instant now) {
        this.status = Status.DELISTED;
        this.delistedReason = reason;
        this.updatedAt = now;
    }

    /** An administrator lifts a delisting; the creator decides when to publish again. */
    public void reinstate(Instant now) {
        if (status != Status.DELISTED) {
            throw new HubException(HubException.Kind.CONFLICT, "model-not-delisted", null, "The model " + id + " is not delisted.");
        }
        this.status = Status.DRAFT;
        this.delistedReason = null;
        this.updatedAt = now;
    }

    private void refuseIfDelisted(String what) {
        if (status == Status.DELISTED) {
            throw new HubException(HubException.Kind.CONFLICT, "model-delisted", null, "The model " + id
                    + " was delisted by an administrator (" + delistedReason + ") and cannot be " + what + " until reinstated.");
        }
    }

    public ModelId id() {
        return new ModelId(handle, name);
    }

    public AccountId creator() {
        return new AccountId(creatorId);
    }

    public boolean isOwnedBy(AccountId account) {
        return creatorId.equals(account.value());
    }

    public Serving serving() {
        return "BUILT_IN".equals(servingKind) ? new BuiltIn(engine) : new ExternalEndpoint(URI.create(baseUrl), upstreamModel);
    }

    public String handle() {
        return handle;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Set<Task> tasks() {
        return tasks.isEmpty() ? EnumSet.noneOf(Task.class) : EnumSet.copyOf(tasks);
    }

    public List<String> examplePrompts() {
        return List.copyOf(examplePrompts);
    }

    public String licence() {
        return licence;
    }

    public int contextLength() {
        return contextLength;
    }

    public BigInteger inputPrice() {
        return inputPrice;
    }

    public BigInteger outputPrice() {
        return outputPrice;
    }

    public Status status() {
        return status;
    }

    public String secretCiphertext() {
        return secretCiphertext;
    }

    public String delistedReason() {
        return delistedReason;
    }

    public long calls() {
        return calls;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
