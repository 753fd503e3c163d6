package ai.perspective.rewards.application;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Anchors;
import ai.perspective.chain.Bytes32;
import ai.perspective.rewards.Ledger;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Public verification of a ledger transfer, for anyone holding its id: the transfer, its Merkle
 * proof and batch root, the transaction that anchored the root on chain, and what the anchor
 * contract itself answers for this leaf and proof.
 */
@ApplicationScoped
public class TransferVerifications {

    /** How far the transfer has come, from "recorded" to "the contract confirms it". */
    public enum Status { NOT_SEALED, SEALED, ANCHORING, ANCHORED, VERIFIED, INVALID }

    public record Anchor(String state, String transactionHash, Long blockNumber, Long chainId, String contract) {
    }

    /** @param contractSaysValid the anchor contract's own answer; {@code null} when it was not asked */
    public record Result(Status status, String detail, Ledger.Transfer transfer, Ledger.Proof proof, Anchor anchor,
            Boolean contractSaysValid) {
    }

    @Inject
    Ledger ledger;
    @Inject
    Anchors anchors;

    public Result verify(UUID id) {
        Ledger.Verifiable verifiable = ledger.verifiable(id)
                .orElseThrow(() -> HubException.notFound("transfer-not-found", "There is no transfer " + id + "."));
        Ledger.Transfer transfer = verifiable.transfer();
        Ledger.Proof proof = verifiable.proof();
        if (proof == null) {
            return new Result(Status.NOT_SEALED, "The transfer is recorded but not in a settlement batch yet; batches "
                    + "are sealed every few seconds.", transfer, null, null, null);
        }
        String reference = String.valueOf(proof.batchId());
        Anchors.AnchorStatus status = anchors.status(AnchorKind.LEDGER_BATCH, reference).orElse(null);
        if (status == null) {
            return new Result(Status.SEALED, "The batch is sealed and queued for anchoring on chain.", transfer, proof,
                    null, null);
        }
        Anchors.ChainNetwork network = anchors.network();
        Anchor anchor = new Anchor(status.state().name(), status.transactionHash(), status.blockNumber(),
                network.chainId(), network.anchorAddress());
        if (status.state() != Anchors.State.CONFIRMED) {
            return new Result(Status.ANCHORING, "The batch root is being anchored (" + status.state() + ").", transfer,
                    proof, anchor, null);
        }
        try {
            boolean valid = anchors.verify(AnchorKind.LEDGER_BATCH, reference, Bytes32.fromHex(proof.leaf()),
                    proof.proof().stream().map(Bytes32::fromHex).toList()).valid();
            return new Result(valid ? Status.VERIFIED : Status.INVALID, valid
                    ? "The anchor contract confirms this transfer is in the anchored batch."
                    : "The anchor contract does NOT accept this leaf and proof for the anchored root.",
                    transfer, proof, anchor, valid);
        } catch (HubException unavailable) {
            return new Result(Status.ANCHORED, "The batch root is anchored; the chain cannot be asked right now ("
                    + unavailable.getMessage() + ").", transfer, proof, anchor, null);
        }
    }
}
