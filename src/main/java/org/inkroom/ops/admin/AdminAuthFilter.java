package org.inkroom.ops.admin;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Guards every call to the admin API with {@link AdminAuth}, before resource matching (so an
 * unknown path is refused too, not answered with 404), and marks every answer uncacheable.
 * The Authorization header is never logged.
 */
@Provider
@ApplicationScoped
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AdminAuthFilter.class.getName());

    @Inject
    AdminAuth auth;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        AdminAuth.Decision decision = auth.check(request.getMethod(), request.getHeaderString(HttpHeaders.AUTHORIZATION),
                request.getHeaderString("Origin"), request.getHeaderString(HttpHeaders.HOST));
        if (decision.allowed()) {
            return;
        }
        LOG.log(Level.INFO, "Admin API refused {0} {1} from {2}: {3}", new Object[] {request.getMethod(),
                request.getUriInfo().getRequestUri().getRawPath(), remoteAddress(), decision.status()});
        Response.ResponseBuilder answer = Response.status(decision.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new AdminViews.Problem(decision.error()));
        if (decision.challenge()) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"inkroom-admin\"");
        }
        request.abortWith(answer.build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    }

    private String remoteAddress() {
        try {
            return servletRequest == null ? "?" : servletRequest.getRemoteAddr();
        } catch (RuntimeException outsideARequest) {
            return "?";
        }
    }
}
