/** Node operators' infrastructure (compute, storage, cache, validation): registration, load balancing, failover, pay. */
package ai.perspective.nodes;
