package ai.perspective.identity.rest;

import ai.perspective.identity.CurrentAccount;
import ai.perspective.identity.Identity;
import ai.perspective.shared.HubException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The caller's API keys: create (secret returned once), list, revoke. */
@Path("/keys")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Inject
    Identity identity;
    @Inject
    CurrentAccount caller;

    public record CreateKeyRequest(String name) {
    }

    public record ApiKeyJson(String id, String name, String prefix, Instant createdAt, Instant lastUsedAt,
            Instant revokedAt, String secret) {

        static ApiKeyJson of(Identity.ApiKeySummary k, String secret) {
            return new ApiKeyJson(k.id().toString(), k.name(), k.prefix(), k.createdAt(), k.lastUsedAt(),
                    k.revokedAt(), secret);
        }
    }

    @GET
    public List<ApiKeyJson> keys() {
        return identity.apiKeys(caller.require()).stream().map(k -> ApiKeyJson.of(k, null)).toList();
    }

    /** The response is the only time the secret is ever shown. */
    @POST
    public Response create(CreateKeyRequest request) {
        Identity.CreatedApiKey created = identity.createApiKey(caller.require(), request == null ? null : request.name());
        return Response.created(URI.create("keys/" + created.key().id()))
                .entity(ApiKeyJson.of(created.key(), created.secret()))
                .build();
    }

    @DELETE
    @Path("/{id}")
    public ApiKeyJson revoke(@PathParam("id") String id) {
        return ApiKeyJson.of(identity.revokeApiKey(caller.require(), keyId(id)), null);
    }

    private static UUID keyId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw HubException.notFound("api-key-not-found", "You have no API key with id " + id + ".");
        }
    }
}
