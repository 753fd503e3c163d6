/** Model cards: what a creator publishes (how it is served, its price, its licence) and how users find it. */
package ai.perspective.catalog;
