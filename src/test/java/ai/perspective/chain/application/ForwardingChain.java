package ai.perspective.chain.application;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Bytes32;
import ai.perspective.chain.EthereumAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** A chain that forwards every call, for tests that make one call fail. */
class ForwardingChain implements ChainPort {

    private final ChainPort chain;

    ForwardingChain(ChainPort chain) {
        this.chain = chain;
    }

    @Override public long chainId() { return chain.chainId(); }
    @Override public EthereumAddress signer() { return chain.signer(); }
    @Override public long blockNumber() { return chain.blockNumber(); }
    @Override public BigInteger nonce(boolean includingPending) { return chain.nonce(includingPending); }
    @Override public BigInteger gasPrice() { return chain.gasPrice(); }
    @Override public boolean hasCode(EthereumAddress address) { return chain.hasCode(address); }
    @Override public Deployed deployToken(BigInteger initialSupply) { return chain.deployToken(initialSupply); }
    @Override public Deployed deployAnchor() { return chain.deployAnchor(); }

    @Override
    public SignedTransaction signAnchor(EthereumAddress contract, AnchorKind kind, String reference, Bytes32 root,
            BigInteger nonce, BigInteger gasPrice) {
        return chain.signAnchor(contract, kind, reference, root, nonce, gasPrice);
    }

    @Override
    public SignedTransaction signTokenTransfer(EthereumAddress token, EthereumAddress to, BigInteger amount,
            BigInteger nonce, BigInteger gasPrice) {
        return chain.signTokenTransfer(token, to, amount, nonce, gasPrice);
    }

    @Override
    public BigInteger tokenBalance(EthereumAddress token, EthereumAddress holder) {
        return chain.tokenBalance(token, holder);
    }

    @Override
    public List<TokenTransfer> tokenTransfersTo(EthereumAddress token, EthereumAddress to, long fromBlock, long toBlock) {
        return chain.tokenTransfersTo(token, to, fromBlock, toBlock);
    }

    @Override public SendOutcome send(String signedTransaction) { return chain.send(signedTransaction); }
    @Override public Optional<Receipt> receipt(String transactionHash) { return chain.receipt(transactionHash); }
    @Override public boolean knows(String transactionHash) { return chain.knows(transactionHash); }

    @Override
    public Optional<OnChainRoot> rootOf(EthereumAddress contract, AnchorKind kind, String reference) {
        return chain.rootOf(contract, kind, reference);
    }

    @Override
    public Optional<String> anchoringTransaction(EthereumAddress contract, AnchorKind kind, String reference, long block) {
        return chain.anchoringTransaction(contract, kind, reference, block);
    }

    @Override
    public boolean verify(EthereumAddress contract, AnchorKind kind, String reference, Bytes32 leaf, List<Bytes32> proof) {
        return chain.verify(contract, kind, reference, leaf, proof);
    }

    @Override public void close() { chain.close(); }
}
