/** Staking, proposals and votes, and the hub parameters (fee split, delisting, slashing) that they change. */
package ai.perspective.governance;
