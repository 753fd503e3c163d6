package ai.perspective.identity.rest;

import ai.perspective.identity.AccountId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.identity.Identity;
import ai.perspective.identity.Role;
import ai.perspective.shared.HubException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Sign-up, the caller's own account, and (for admins) all accounts and their roles. */
@Path("/accounts")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    Identity identity;
    @Inject
    CurrentAccount caller;

    public record SignUpRequest(String email, String displayName, String password) {
    }

    public record RoleRequest(String role) {
    }

    public record AccountJson(String id, String email, String displayName, List<String> roles, Instant createdAt) {

        static AccountJson of(Identity.AccountSummary a) {
            return new AccountJson(a.id().toString(), a.email(), a.displayName(),
                    a.roles().stream().sorted().map(Role::name).toList(), a.createdAt());
        }
    }

    /** Creates an account. Public: this is how people join the hub. */
    @POST
    public Response signUp(SignUpRequest request) {
        if (request == null) {
            throw HubException.invalid(null, "missing-body", "Send email, displayName and password as JSON.");
        }
        Identity.AccountSummary account = identity.signUp(new Identity.SignUp(request.email(), request.displayName(), request.password()));
        return Response.created(URI.create("accounts/" + account.id())).entity(AccountJson.of(account)).build();
    }

    @GET
    @Path("/me")
    @PermitAll
    public AccountJson me() {
        return identity.account(caller.require()).map(AccountJson::of)
                .orElseThrow(() -> HubException.notFound("account-not-found", "Your account no longer exists."));
    }

    @GET
    @RolesAllowed("ADMIN")
    public List<AccountJson> accounts(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return identity.accounts(offset, limit).stream().map(AccountJson::of).toList();
    }

    @POST
    @Path("/{id}/roles")
    @RolesAllowed("ADMIN")
    public AccountJson grant(@PathParam("id") String id, RoleRequest request) {
        return AccountJson.of(identity.grantRole(AccountId.parse(id), role(request == null ? null : request.role())));
    }

    @DELETE
    @Path("/{id}/roles/{role}")
    @RolesAllowed("ADMIN")
    public AccountJson revoke(@PathParam("id") String id, @PathParam("role") String role) {
        return AccountJson.of(identity.revokeRole(AccountId.parse(id), role(role)));
    }

    static Role role(String name) {
        if (name == null || name.isBlank()) {
            throw HubException.invalid("role", "missing-field", "Name a role: USER, CREATOR, OPERATOR or ADMIN.");
        }
        try {
            return Role.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HubException.invalid("role", "unknown-role",
                    "'" + name + "' is not a role; use USER, CREATOR, OPERATOR or ADMIN.");
        }
    }
}
