package ai.perspective.chain.web3j;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Bytes32;
import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.application.ChainPort;
import ai.perspective.chain.application.ChainUnavailableException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The chain over JSON-RPC with web3j: legacy (EIP-155) transactions signed locally with the hub's
 * key, so the relay knows a transaction's hash before the node sees it. The key stays in the
 * {@link Credentials}; it is never logged or returned.
 */
public class Web3jChain implements ChainPort {

    /** Enough for an ERC-20 transfer to a fresh address (~52,000) with room to spare. */
    static final BigInteger TRANSFER_GAS = BigInteger.valueOf(100_000);
    /** Enough for anchor(): two storage slots and an event with a reference of up to 200 bytes. */
    static final BigInteger ANCHOR_GAS = BigInteger.valueOf(300_000);
    static final BigInteger DEPLOY_GAS = BigInteger.valueOf(3_000_000);
    static final Duration DEPLOY_WAIT = Duration.ofMinutes(2);

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;

    private Web3jChain(Web3j web3j, Credentials credentials, long chainId) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
    }

    /** Connects to {@code rpcUrl} and reads its chain id; fails with {@link ChainUnavailableException}. */
    public static Web3jChain connect(String rpcUrl, String signerKey) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(20, TimeUnit.SECONDS)
                .writeTimeout(20, TimeUnit.SECONDS)
                .build();
        Web3j web3j = Web3j.build(new HttpService(rpcUrl, http));
        Credentials credentials = Credentials.create(signerKey);
        try {
            long chainId = call(() -> web3j.ethChainId().send()).getChainId().longValueExact();
            return new Web3jChain(web3j, credentials, chainId);
        } catch (RuntimeException e) {
            web3j.shutdown();
            throw e;
        }
    }

    /** The address of a signer key, for status pages (the key itself never leaves this class). */
    public static String addressOf(String signerKey) {
        return Credentials.create(signerKey).getAddress().toLowerCase(Locale.ROOT);
    }

    @Override
    public long chainId() {
        return chainId;
    }

    @Override
    public EthereumAddress signer() {
        return new EthereumAddress(credentials.getAddress().toLowerCase(Locale.ROOT));
    }

    @Override
    public long blockNumber() {
        return call(() -> web3j.ethBlockNumber().send()).getBlockNumber().longValueExact();
    }

    @Override
    public BigInteger nonce(boolean includingPending) {
        DefaultBlockParameterName at = includingPending ? DefaultBlockParameterName.PENDING : DefaultBlockParameterName.LATEST;
        return call(() -> web3j.ethGetTransactionCount(credentials.getAddress(), at).send()).getTransactionCount();
    }

    @Override
    public BigInteger gasPrice() {
        return call(() -> web3j.ethGasPrice().send()).getGasPrice();
    }

    @Override
    public boolean hasCode(EthereumAddress address) {
        String code = call(() -> web3j.ethGetCode(address.value(), DefaultBlockParameterName.LATEST).send()).getCode();
        return code != null && !code.equals("0x") && !code.isEmpty();
    }

    @Override
    public Deployed deployToken(BigInteger initialSupply) {
        return deploy(AnchorContractAbi.tokenDeployment(ContractArtifacts.bytecode("PovToken"),
                credentials.getAddress(), initialSupply));
    }

    @Override
    public Deployed deployAnchor() {
        return deploy(AnchorContractAbi.anchorDeployment(ContractArtifacts.bytecode("PerspectiveAnchor"),
                credentials.getAddress()));
    }

    private Deployed deploy(String data) {
        BigInteger nonce = nonce(true);
        RawTransaction tx = RawTransaction.createContractTransaction(nonce, gasPrice(), DEPLOY_GAS, BigInteger.ZERO, data);
        SignedTransaction signed = sign(tx);
        SendOutcome outcome = send(signed.raw());
        if (outcome == SendOutcome.NONCE_USED || outcome == SendOutcome.REFUSED) {
            throw new ChainUnavailableException("the node refused the deployment (" + outcome + ")", null);
        }
        Instant deadline = Instant.now().plus(DEPLOY_WAIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<TransactionReceipt> receipt = call(() -> web3j.ethGetTransactionReceipt(signed.hash()).send())
                    .getTransactionReceipt();
            if (receipt.isPresent()) {
                if (!receipt.get().isStatusOK() || receipt.get().getContractAddress() == null) {
                    throw new IllegalStateException("deployment " + signed.hash() + " failed on chain");
                }
                return new Deployed(new EthereumAddress(receipt.get().getContractAddress().toLowerCase(Locale.ROOT)),
                        signed.hash());
            }
            pause();
        }
        throw new ChainUnavailableException("deployment " + signed.hash() + " not mined within " + DEPLOY_WAIT, null);
    }

    @Override
    public SignedTransaction signAnchor(EthereumAddress contract, AnchorKind kind, String reference, Bytes32 root,
            BigInteger nonce, BigInteger gasPrice) {
        return sign(RawTransaction.createTransaction(nonce, gasPrice, ANCHOR_GAS, contract.value(),
                AnchorContractAbi.anchor(kind, reference, root)));
    }

    @Override
    public SignedTransaction signTokenTransfer(EthereumAddress token, EthereumAddress to, BigInteger amount,
            BigInteger nonce, BigInteger gasPrice) {
        return sign(RawTransaction.createTransaction(nonce, gasPrice, TRANSFER_GAS, token.value(),
                TokenAbi.transfer(to, amount)));
    }

    @Override
    public BigInteger tokenBalance(EthereumAddress token, EthereumAddress holder) {
        Function function = TokenAbi.balanceOf(holder);
        return TokenAbi.decodeUint(function, ethCall(token, function));
    }

    @Override
    public List<TokenTransfer> tokenTransfersTo(EthereumAddress token, EthereumAddress to, long fromBlock, long toBlock) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), token.value());
        filter.addSingleTopic(TokenAbi.TRANSFER_TOPIC);
        filter.addNullTopic();
        filter.addSingleTopic(TokenAbi.addressTopic(to));
        List<EthLog.LogResult<?>> logs = call(() -> web3j.ethGetLogs(filter).send()).getLogs();
        return logs.stream()
                .map(l -> (EthLog.LogObject) l)
                .filter(l -> !l.isRemoved())
                .map(TokenAbi::transferOf)
                .toList();
    }

    private SignedTransaction sign(RawTransaction tx) {
        byte[] signed = TransactionEncoder.signMessage(tx, chainId, credentials);
        return new SignedTransaction(Numeric.toHexString(Hash.sha3(signed)), Numeric.toHexString(signed));
    }

    @Override
    public SendOutcome send(String signedTransaction) {
        EthSendTransaction sent = request(() -> web3j.ethSendRawTransaction(signedTransaction).send());
        if (!sent.hasError()) {
            return SendOutcome.ACCEPTED;
        }
        String message = String.valueOf(sent.getError().getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("already known") || message.contains("already imported")
                || message.contains("known transaction")) {
            return SendOutcome.KNOWN;
        }
        if (message.contains("nonce too low") || message.contains("nonce is too low")) {
            return SendOutcome.NONCE_USED;
        }
        return SendOutcome.REFUSED;
    }

    @Override
    public Optional<Receipt> receipt(String transactionHash) {
        return call(() -> web3j.ethGetTransactionReceipt(transactionHash).send()).getTransactionReceipt()
                .map(r -> new Receipt(r.getTransactionHash(), r.getBlockNumber().longValueExact(), r.isStatusOK()));
    }

    @Override
    public boolean knows(String transactionHash) {
        return call(() -> web3j.ethGetTransactionByHash(transactionHash).send()).getTransaction().isPresent();
    }

    @Override
    public Optional<OnChainRoot> rootOf(EthereumAddress contract, AnchorKind kind, String reference) {
        Function function = AnchorContractAbi.rootOf(kind, reference);
        AnchorContractAbi.Root root = AnchorContractAbi.decodeRootOf(function, ethCall(contract, function));
        return root.root().isZero() ? Optional.empty() : Optional.of(new OnChainRoot(root.root(), root.blockNumber()));
    }

    @Override
    public Optional<String> anchoringTransaction(EthereumAddress contract, AnchorKind kind, String reference, long block) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), contract.value());
        filter.addSingleTopic(AnchorContractAbi.ANCHORED_TOPIC);
        filter.addSingleTopic(AnchorContractAbi.kindTopic(kind));
        filter.addSingleTopic(AnchorContractAbi.referenceTopic(reference));
        List<EthLog.LogResult<?>> logs = call(() -> web3j.ethGetLogs(filter).send()).getLogs();
        return logs.stream()
                .map(l -> ((EthLog.LogObject) l).getTransactionHash())
                .findFirst();
    }

    @Override
    public boolean verify(EthereumAddress contract, AnchorKind kind, String reference, Bytes32 leaf, List<Bytes32> proof) {
        Function function = AnchorContractAbi.verify(kind, reference, leaf, proof);
        return AnchorContractAbi.decodeBool(function, ethCall(contract, function));
    }

    private String ethCall(EthereumAddress contract, Function function) {
        EthCall result = call(() -> web3j.ethCall(Transaction.createEthCallTransaction(credentials.getAddress(),
                contract.value(), FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST).send());
        if (result.isReverted()) {
            throw new IllegalStateException(function.getName() + " reverted: " + result.getRevertReason());
        }
        return result.getValue();
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    private interface Rpc<T extends Response<?>> {
        T send() throws IOException;
    }

    /** A JSON-RPC call that must succeed: transport failures and RPC errors both mean "not now". */
    private static <T extends Response<?>> T call(Rpc<T> rpc) {
        T response = request(rpc);
        if (response.hasError()) {
            throw new ChainUnavailableException("the node answered: " + response.getError().getMessage(), null);
        }
        return response;
    }

    private static <T extends Response<?>> T request(Rpc<T> rpc) {
        try {
            return rpc.send();
        } catch (IOException | RuntimeException e) {
            throw new ChainUnavailableException("the node did not answer: " + e.getMessage(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainUnavailableException("interrupted while waiting for a deployment", e);
        }
    }
}
