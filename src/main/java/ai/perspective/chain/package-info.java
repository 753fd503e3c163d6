/** The EVM chain adapter: POV as an ERC-20, Merkle-root anchors of ledger batches and votes, deposits, withdrawals. */
package ai.perspective.chain;
