package ai.perspective.shared.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed} and {@code @PermitAll} on resource methods (method over class):
 * no caller is a 401, a caller without the role a 403, both as problem+json. {@code @PermitAll}
 * here means "any authenticated caller"; resources without either annotation are public.
 */
@Provider
public class AccessControlFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo.getResourceClass();
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        boolean permitAll = method.isAnnotationPresent(PermitAll.class);
        if (roles == null && !permitAll) {
            roles = type.getAnnotation(RolesAllowed.class);
            permitAll = type.isAnnotationPresent(PermitAll.class);
        }
        if (roles != null) {
            context.register(new Check(List.of(roles.value())));
        } else if (permitAll) {
            context.register(new Check(List.of()));
        }
    }

    private record Check(List<String> roles) implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                request.abortWith(Problems.response(401, "unauthenticated",
                        "Authenticate with an API key: 'Authorization: Bearer <key>'."));
                return;
            }
            if (!roles.isEmpty() && roles.stream().noneMatch(security::isUserInRole)) {
                request.abortWith(Problems.response(403, "forbidden",
                        "This needs the role " + String.join(" or ", roles) + "."));
            }
        }
    }
}
