package dev.microposts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures in page controllers become the friendly error page with the right status, never a problem+json
 * body or a stack trace; the API's handler ({@link ApiExceptionHandler}) answers everything else.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // why: Spring Security turns these into a login redirect or 403
        }
        int status;
        if (e instanceof ErrorResponse error) {
            status = error.getStatusCode().value();
        } else if (ApiExceptionHandler.isUnavailable(e)) {
            status = HttpStatus.SERVICE_UNAVAILABLE.value();
            log.warn("Page {} failed, the database is unavailable: {}", request.getRequestURI(), e.toString());
        } else {
            status = HttpStatus.INTERNAL_SERVER_ERROR.value();
            log.error(
                    "Page {} {} failed (reference {})",
                    request.getMethod(),
                    request.getRequestURI(),
                    UUID.randomUUID(),
                    e);
        }
        response.setStatus(status);
        ModelAndView page = new ModelAndView("error");
        page.setStatus(HttpStatus.valueOf(status));
        page.addObject("status", status);
        return page;
    }
}
