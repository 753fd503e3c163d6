/**
 * Perspective AI hub: one WAR that is a self-hostable AI marketplace.
 *
 * <p>Modules, one top-level package each; a module's root package is its API, its sub-packages
 * are internal, and modules talk through that API and through events:
 * <ul>
 *   <li>{@code identity} accounts, roles, sessions and API keys</li>
 *   <li>{@code catalog} model cards that creators publish</li>
 *   <li>{@code gateway} the OpenAI-compatible API and its metering</li>
 *   <li>{@code routing} {@code perspective/auto}: choosing models for a request</li>
 *   <li>{@code vault} users' data contributions and who may use them</li>
 *   <li>{@code rewards} the POV ledger: charges, splits, payouts</li>
 *   <li>{@code governance} staking, proposals, votes and hub parameters</li>
 *   <li>{@code nodes} operators' infrastructure and load balancing</li>
 *   <li>{@code chain} the EVM adapter: token, anchors, deposits, withdrawals</li>
 *   <li>{@code shared} the kernel every module may use; it depends on no module</li>
 * </ul>
 */
package ai.perspective;
