package ai.perspective.chain.web3j;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Bytes32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** Calls of PerspectiveAnchor.sol and PovToken.sol, encoded with web3j's ABI encoder (no generated wrappers). */
final class AnchorContractAbi {

    /** keccak256("Anchored(uint8,bytes32,bytes32,string)"), topic 0 of the contract's event. */
    static final String ANCHORED_TOPIC = Hash.sha3String("Anchored(uint8,bytes32,bytes32,string)");

    private AnchorContractAbi() {
    }

    static String anchor(AnchorKind kind, String reference, Bytes32 root) {
        return FunctionEncoder.encode(new Function("anchor",
                List.of(new Uint8(kind.code()), new Utf8String(reference),
                        new org.web3j.abi.datatypes.generated.Bytes32(root.bytes())),
                List.of()));
    }

    static Function rootOf(AnchorKind kind, String reference) {
        return new Function("rootOf", List.of(new Uint8(kind.code()), new Utf8String(reference)),
                List.of(new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {
                }, new TypeReference<Uint64>() {
                }, new TypeReference<Uint64>() {
                }));
    }

    static Function verify(AnchorKind kind, String reference, Bytes32 leaf, List<Bytes32> proof) {
        List<org.web3j.abi.datatypes.generated.Bytes32> siblings = proof.stream()
                .map(p -> new org.web3j.abi.datatypes.generated.Bytes32(p.bytes())).toList();
        return new Function("verify",
                List.of(new Uint8(kind.code()), new Utf8String(reference),
                        new org.web3j.abi.datatypes.generated.Bytes32(leaf.bytes()),
                        new DynamicArray<>(org.web3j.abi.datatypes.generated.Bytes32.class, siblings)),
                List.of(new TypeReference<Bool>() {
                }));
    }

    /** The decoded root and block of {@code rootOf}; the root is all zeros for an unknown batch. */
    record Root(Bytes32 root, long blockNumber) {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Root decodeRootOf(Function function, String output) {
        List<Type> values = FunctionReturnDecoder.decode(output, function.getOutputParameters());
        if (values.size() != 3) {
            throw new IllegalArgumentException("rootOf answered " + output);
        }
        byte[] root = ((org.web3j.abi.datatypes.generated.Bytes32) values.get(0)).getValue();
        BigInteger block = ((Uint64) values.get(1)).getValue();
        return new Root(new Bytes32(root), block.longValueExact());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static boolean decodeBool(Function function, String output) {
        List<Type> values = FunctionReturnDecoder.decode(output, function.getOutputParameters());
        if (values.size() != 1) {
            throw new IllegalArgumentException(function.getName() + " answered " + output);
        }
        return ((Bool) values.get(0)).getValue();
    }

    /** Deployment data: the contract's bytecode followed by its ABI-encoded constructor arguments. */
    static String tokenDeployment(String bytecode, String hub, BigInteger initialSupply) {
        return Numeric.prependHexPrefix(bytecode)
                + FunctionEncoder.encodeConstructor(List.of(new Address(hub), new Uint256(initialSupply)));
    }

    static String anchorDeployment(String bytecode, String hub) {
        return Numeric.prependHexPrefix(bytecode) + FunctionEncoder.encodeConstructor(List.of(new Address(hub)));
    }

    /** Topic 2 of the Anchored event: keccak256 of the reference's UTF-8 bytes. */
    static String referenceTopic(String reference) {
        return Numeric.toHexString(Hash.sha3(reference.getBytes(StandardCharsets.UTF_8)));
    }

    static String kindTopic(AnchorKind kind) {
        return Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(kind.code()), 64);
    }
}
