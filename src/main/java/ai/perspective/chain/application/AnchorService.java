package ai.perspective.chain.application;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Anchors;
import ai.perspective.chain.Bytes32;
import ai.perspective.chain.domain.AnchorRequest;
import ai.perspective.chain.domain.AnchorRequests;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AnchorService implements Anchors {

    static final int MAX_REFERENCE = 200;
    static final int MAX_PROOF = 64;

    @Inject
    AnchorRequests requests;
    @Inject
    ChainAccess chain;

    Clock clock = Clock.systemUTC();

    /** Joins the caller's transaction: the outbox row commits or rolls back with the caller's work. */
    @Override
    @Transactional
    public AnchorStatus anchor(AnchorKind kind, String reference, Bytes32 root) {
        if (kind == null) {
            throw HubException.invalid("kind", "missing-field", "Name the anchor kind.");
        }
        String ref = checkReference(reference);
        if (root == null || root.isZero()) {
            throw HubException.invalid("root", "invalid-root", "Give a non-zero 32-byte Merkle root.");
        }
        AnchorRequest stored = requests.byBatch(kind, ref)
                .orElseGet(() -> requests.addIfAbsent(new AnchorRequest(UUID.randomUUID(), kind, ref, root, clock.instant())));
        if (!stored.sameRoot(root)) {
            throw HubException.conflict("root", "anchor-conflict", "Batch " + kind.slug() + "/" + ref
                    + " is anchored with another root (" + stored.root() + "); a batch is anchored once.");
        }
        return view(stored);
    }

    @Override
    public Optional<AnchorStatus> status(AnchorKind kind, String reference) {
        return requests.byBatch(kind, reference).map(AnchorService::view);
    }

    @Override
    public Verification verify(AnchorKind kind, String reference, Bytes32 leaf, List<Bytes32> proof) {
        AnchorStatus anchor = status(kind, reference).orElseThrow(() -> notAnchored(kind, reference));
        if (leaf == null) {
            throw HubException.invalid("leaf", "missing-field", "Give the leaf hash to verify.");
        }
        List<Bytes32> siblings = proof == null ? List.of() : proof;
        if (siblings.size() > MAX_PROOF) {
            throw HubException.invalid("proof", "invalid-proof", "A proof has at most " + MAX_PROOF + " hashes.");
        }
        ChainConnection.Ready ready = chain.ready().orElseThrow(() -> HubException.unavailable("chain-unavailable",
                "The hub cannot reach its chain right now; try again later."));
        try {
            boolean valid = ready.chain().verify(ready.anchor(), kind, reference, leaf, siblings);
            return new Verification(anchor, ready.anchor().value(), ready.chain().chainId(), leaf, siblings, valid);
        } catch (ChainUnavailableException e) {
            throw HubException.unavailable("chain-unavailable", "The hub cannot reach its chain right now; try again later.");
        }
    }

    @Override
    public ChainNetwork network() {
        return chain.network();
    }

    static HubException notAnchored(AnchorKind kind, String reference) {
        return HubException.notFound("anchor-not-found", "Nothing was anchored as " + kind.slug() + "/" + reference + ".");
    }

    private static String checkReference(String reference) {
        String ref = reference == null ? "" : reference.strip();
        if (ref.isEmpty() || ref.length() > MAX_REFERENCE || !ref.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw HubException.invalid("reference", "invalid-reference", "A reference is 1 to " + MAX_REFERENCE
                    + " printable ASCII characters without spaces, e.g. a batch id.");
        }
        return ref;
    }

    static AnchorStatus view(AnchorRequest r) {
        return new AnchorStatus(r.kind(), r.reference(), r.root(), r.state(),
                r.state() == State.PENDING ? null : r.transactionHash(), r.blockNumber(), r.requestedAt(),
                r.confirmedAt());
    }
}
