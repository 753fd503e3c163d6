/** The POV ledger: double-entry, immutable transfers that charge callers and pay creators, data owners and nodes. */
package ai.perspective.rewards;
