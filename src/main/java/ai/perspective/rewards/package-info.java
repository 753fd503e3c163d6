/**
 * The POV ledger: double-entry, immutable transfers (after TigerBeetle) that charge callers, split
 * each charge between creators, the treasury, data contributors and node operators, fund new
 * accounts, and seal transfers into Merkle-rooted settlement batches the chain module anchors.
 * {@link ai.perspective.rewards.Charges} is what the gateway calls around every model call.
 */
package ai.perspective.rewards;
