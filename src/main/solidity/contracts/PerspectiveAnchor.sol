// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title Merkle roots the Perspective hub commits to, one per batch, for anyone to verify.
/// @notice A batch is named by a kind (1 = ledger settlement batch, 2 = vote tally,
/// 3 = attestation) and its reference string (the hub's batch id), stored under its keccak256.
/// A root, once stored, never changes: a second anchor of the same batch reverts, so a retried
/// or replayed transaction cannot anchor twice. Leaves are those of OpenZeppelin's
/// StandardMerkleTree (keccak256 of keccak256 of the ABI-encoded values) and proofs hash sorted
/// pairs, as MerkleProof.verify expects.
contract PerspectiveAnchor is Ownable {
    struct Anchor {
        bytes32 root;
        uint64 blockNumber;
        uint64 timestamp;
    }

    mapping(uint8 kind => mapping(bytes32 referenceHash => Anchor)) private anchors;

    event Anchored(
        uint8 indexed kind,
        bytes32 indexed referenceHash,
        bytes32 root,
        string batch
    );

    error AlreadyAnchored(uint8 kind, bytes32 referenceHash, bytes32 root);
    error EmptyRoot();
    error UnknownKind(uint8 kind);

    constructor(address hub) Ownable(hub) {}

    function anchor(uint8 kind, string calldata batch, bytes32 root) external onlyOwner {
        if (kind == 0) revert UnknownKind(kind);
        if (root == bytes32(0)) revert EmptyRoot();
        bytes32 referenceHash = keccak256(bytes(batch));
        Anchor storage existing = anchors[kind][referenceHash];
        if (existing.root != bytes32(0)) revert AlreadyAnchored(kind, referenceHash, existing.root);
        anchors[kind][referenceHash] = Anchor(root, uint64(block.number), uint64(block.timestamp));
        emit Anchored(kind, referenceHash, root, batch);
    }

    /// @return root the anchored root, or zero when the batch was never anchored
    function rootOf(uint8 kind, string calldata batch)
        external
        view
        returns (bytes32 root, uint64 blockNumber, uint64 timestamp)
    {
        Anchor storage a = anchors[kind][keccak256(bytes(batch))];
        return (a.root, a.blockNumber, a.timestamp);
    }

    /// @notice True when `leaf` (already hashed, as StandardMerkleTree leaves are) is in the
    /// anchored batch according to `proof`; false for an unknown batch.
    function verify(uint8 kind, string calldata batch, bytes32 leaf, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        bytes32 root = anchors[kind][keccak256(bytes(batch))].root;
        return root != bytes32(0) && MerkleProof.verifyCalldata(proof, root, leaf);
    }
}
