package ai.perspective.chain.application;

import ai.perspective.chain.AnchorConfirmed;
import ai.perspective.chain.application.ChainConnection.Ready;
import ai.perspective.chain.application.ChainPort.OnChainRoot;
import ai.perspective.chain.application.ChainPort.SignedTransaction;
import ai.perspective.chain.domain.AnchorRequest;
import ai.perspective.chain.domain.AnchorRequests;
import java.math.BigInteger;
import java.util.Optional;
import java.util.function.Consumer;

/** Anchors for the {@link TransactionRelay}: {@code anchor(kind, reference, root)} on the anchor contract. */
public class AnchorSender implements TransactionRelay.Sender<AnchorRequest> {

    private final AnchorRequests requests;
    private final Consumer<AnchorConfirmed> confirmed;

    public AnchorSender(AnchorRequests requests, Consumer<AnchorConfirmed> confirmed) {
        this.requests = requests;
        this.confirmed = confirmed;
    }

    @Override
    public AnchorRequests outbox() {
        return requests;
    }

    @Override
    public SignedTransaction sign(ChainPort chain, Ready contracts, AnchorRequest r, BigInteger nonce, BigInteger gasPrice) {
        return chain.signAnchor(contracts.anchor(), r.kind(), r.reference(), r.root(), nonce, gasPrice);
    }

    /** The contract is the judge: it holds at most one root per batch. */
    @Override
    public TransactionRelay.OnChain lookOnChain(ChainPort chain, Ready contracts, AnchorRequest r) {
        Optional<OnChainRoot> onChain = chain.rootOf(contracts.anchor(), r.kind(), r.reference());
        if (onChain.isEmpty()) {
            return TransactionRelay.OnChain.ABSENT;
        }
        if (!r.sameRoot(onChain.get().root())) {
            return new TransactionRelay.OnChain.Impossible("the contract holds root " + onChain.get().root()
                    + " for this batch");
        }
        long block = onChain.get().blockNumber();
        String txHash = chain.anchoringTransaction(contracts.anchor(), r.kind(), r.reference(), block)
                .orElse(r.transactionHash());
        return new TransactionRelay.OnChain.Done(txHash, block);
    }

    @Override
    public void confirmed(ChainPort chain, Ready contracts, AnchorRequest r) {
        confirmed.accept(new AnchorConfirmed(r.kind(), r.reference(), r.root(), chain.chainId(),
                contracts.anchor().value(), r.transactionHash(), r.blockNumber(), r.confirmedAt()));
    }
}
