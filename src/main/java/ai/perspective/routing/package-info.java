/** The Routing AI behind {@code perspective/auto}: picks one or several models for a request and explains why. */
package ai.perspective.routing;
