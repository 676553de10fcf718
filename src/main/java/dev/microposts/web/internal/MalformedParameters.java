package dev.microposts.web.internal;

import dev.microposts.web.ProblemResponses;
import dev.microposts.web.spi.FilterOrder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose query string or form body cannot be decoded (a broken percent-escape, bytes
 * that are not UTF-8, more parameters than the server takes) with 400, before anything behind it asks for a
 * parameter. The servlet container raises such a failure lazily, on the first parameter read, from wherever
 * that happens to be; it then looks like a bug of ours: a 500, an ERROR with its stack trace, and a count
 * toward the server-errors alert that anyone on the internet could fire at will.
 *
 * <p>Multipart bodies are not parsed here: that would read a whole upload before the media module had
 * a chance to refuse it.
 */
@Component
@Order(FilterOrder.MALFORMED_PARAMETERS)
class MalformedParameters extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MalformedParameters.class);

    private final int maxParameters;
    private final DeclaredRoutes routes;

    MalformedParameters(@Value("${server.tomcat.max-parameter-count:1000}") int maxParameters, DeclaredRoutes routes) {
        this.maxParameters = maxParameters;
        this.routes = routes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isMultipart(request)) {
            try {
                request.getParameterMap();
            } catch (IllegalStateException unreadable) {
                refuse(request, response, unreadable);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, IllegalStateException e)
            throws IOException {
        // why: the client's mistake, worth a line for whoever investigates odd traffic, never a stack trace
        log.info(
                "Refused {} {}: its parameters cannot be read ({})",
                request.getMethod(),
                request.getRequestURI(),
                e.getMessage());
        if (routes.answersWithProblems(request)) {
            ProblemResponses.write(
                    response,
                    ProblemDetail.forStatusAndDetail(
                            HttpStatus.BAD_REQUEST,
                            "The query string or form body cannot be read: parameters must be UTF-8, percent-encoded"
                                    + " as %XX with two hexadecimal digits, and at most " + maxParameters + " in all"));
            return;
        }
        response.sendError(HttpStatus.BAD_REQUEST.value());
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }
}
