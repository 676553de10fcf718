package dev.microposts.accounts.internal;

import dev.microposts.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Security's refusals on the API, as problem responses with the RFC 6750 challenge. */
class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"microposts\"");
        ProblemResponses.write(
                response,
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.UNAUTHORIZED,
                        "This needs an access token: send 'Authorization: Bearer <token>' (get one from POST /api/v1/token)"));
    }

    void invalidToken(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"microposts\", error=\"invalid_token\"");
        ProblemResponses.write(
                response,
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.UNAUTHORIZED, "The access token is invalid, expired or revoked; log in again"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        ProblemResponses.write(
                response, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "You are not allowed to do this"));
    }
}
