package ai.perspective.chain.web3j;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.application.ChainPort.TokenTransfer;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/** The ERC-20 calls and the Transfer event of PovToken.sol, with web3j's ABI encoder. */
final class TokenAbi {

    /** keccak256("Transfer(address,address,uint256)"), topic 0 of every ERC-20 transfer. */
    static final String TRANSFER_TOPIC = Hash.sha3String("Transfer(address,address,uint256)");

    private TokenAbi() {
    }

    static String transfer(EthereumAddress to, BigInteger amount) {
        return FunctionEncoder.encode(new Function("transfer", List.of(new Address(to.value()), new Uint256(amount)),
                List.of()));
    }

    static Function balanceOf(EthereumAddress holder) {
        return new Function("balanceOf", List.of(new Address(holder.value())), List.of(new TypeReference<Uint256>() {
        }));
    }

    @SuppressWarnings("rawtypes")
    static BigInteger decodeUint(Function function, String output) {
        List<Type> values = FunctionReturnDecoder.decode(output, function.getOutputParameters());
        if (values.size() != 1) {
            throw new IllegalArgumentException(function.getName() + " answered " + output);
        }
        return ((Uint256) values.get(0)).getValue();
    }

    /** An indexed address: left-padded to 32 bytes. */
    static String addressTopic(EthereumAddress address) {
        return Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(address.value()), 64);
    }

    static TokenTransfer transferOf(Log log) {
        List<String> topics = log.getTopics();
        if (topics.size() != 3 || !topics.get(0).equalsIgnoreCase(TRANSFER_TOPIC)) {
            throw new IllegalArgumentException("not an ERC-20 Transfer log: " + topics);
        }
        return new TokenTransfer(log.getTransactionHash().toLowerCase(Locale.ROOT), log.getLogIndex().intValueExact(),
                log.getBlockNumber().longValueExact(), topicAddress(topics.get(1)), topicAddress(topics.get(2)),
                Numeric.toBigInt(log.getData()));
    }

    private static EthereumAddress topicAddress(String topic) {
        String digits = Numeric.cleanHexPrefix(topic).toLowerCase(Locale.ROOT);
        return new EthereumAddress("0x" + digits.substring(digits.length() - 40));
    }
}
