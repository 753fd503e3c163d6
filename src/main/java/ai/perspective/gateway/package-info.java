/** The OpenAI-compatible API under {@code /v1}: authenticates, forwards to a model, meters every call once. */
package ai.perspective.gateway;
