package ai.perspective.chain.application;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Bytes32;
import ai.perspective.chain.EthereumAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The chain as the relay and the services need it: one signer account, the anchor and token
 * contracts. Implemented with web3j ({@code chain.web3j}); every call may throw
 * {@link ChainUnavailableException} when the node does not answer.
 */
public interface ChainPort extends AutoCloseable {

    long chainId();

    /** The hub's own address: it signs anchors and owns the contracts. */
    EthereumAddress signer();

    long blockNumber();

    /** The signer's next nonce counting the node's pending transactions, or only mined ones. */
    BigInteger nonce(boolean includingPending);

    BigInteger gasPrice();

    boolean hasCode(EthereumAddress address);

    /** Deploys the token (initial supply to the hub) and waits for it to be mined. */
    Deployed deployToken(BigInteger initialSupply);

    /** Deploys the anchor contract (owned by the hub) and waits for it to be mined. */
    Deployed deployAnchor();

    /** Signs {@code anchor(kind, reference, root)} without sending it. */
    SignedTransaction signAnchor(EthereumAddress contract, AnchorKind kind, String reference, Bytes32 root,
            BigInteger nonce, BigInteger gasPrice);

    /** Signs the ERC-20 {@code transfer(to, amount)} of {@code token} from the hub's address, without sending it. */
    SignedTransaction signTokenTransfer(EthereumAddress token, EthereumAddress to, BigInteger amount, BigInteger nonce,
            BigInteger gasPrice);

    /** The ERC-20 {@code balanceOf(holder)} of {@code token}. */
    BigInteger tokenBalance(EthereumAddress token, EthereumAddress holder);

    /**
     * The ERC-20 {@code Transfer} events of {@code token} to {@code to} in blocks {@code fromBlock}
     * to {@code toBlock} inclusive, in chain order.
     */
    List<TokenTransfer> tokenTransfersTo(EthereumAddress token, EthereumAddress to, long fromBlock, long toBlock);

    /** Sends a signed transaction; resending one the node already has is harmless. */
    SendOutcome send(String signedTransaction);

    Optional<Receipt> receipt(String transactionHash);

    /** Whether the node knows the transaction (pending or mined). */
    boolean knows(String transactionHash);

    /** The root the contract holds for the batch, if any. */
    Optional<OnChainRoot> rootOf(EthereumAddress contract, AnchorKind kind, String reference);

    /** The transaction that anchored the batch, found from the contract's Anchored event in {@code block}. */
    Optional<String> anchoringTransaction(EthereumAddress contract, AnchorKind kind, String reference, long block);

    /** The contract's own {@code verify(kind, reference, leaf, proof)}. */
    boolean verify(EthereumAddress contract, AnchorKind kind, String reference, Bytes32 leaf, List<Bytes32> proof);

    @Override
    void close();

    record Deployed(EthereumAddress address, String transactionHash) {
    }

    record SignedTransaction(String hash, String raw) {
    }

    record Receipt(String transactionHash, long blockNumber, boolean success) {
    }

    record OnChainRoot(Bytes32 root, long blockNumber) {
    }

    /** One ERC-20 Transfer log: where it is on chain and what it moved. */
    record TokenTransfer(String transactionHash, int logIndex, long blockNumber, EthereumAddress from,
            EthereumAddress to, BigInteger amount) {
    }

    enum SendOutcome {
        ACCEPTED,
        /** The node has it already (pending or mined). */
        KNOWN,
        /** The nonce is used by a mined transaction: this one can never be mined. */
        NONCE_USED,
        /** The node refused it for another reason (e.g. underpriced replacement); try later. */
        REFUSED
    }
}
