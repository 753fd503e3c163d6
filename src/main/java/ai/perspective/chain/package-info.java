/**
 * The EVM chain adapter: POV as an ERC-20, Merkle-root anchors of ledger batches and vote tallies,
 * wallets linked to accounts (and, once the ledger lands, deposits and withdrawals).
 *
 * <p>Other modules use {@link ai.perspective.chain.Anchors} and {@link ai.perspective.chain.Wallets};
 * only {@code chain.web3j} talks to the chain, and nothing chain-related blocks the hub's start.
 */
package ai.perspective.chain;
