package dev.microposts.web.internal;

import dev.microposts.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures in page controllers become the friendly error page with the right status, never a problem+json
 * body or a stack trace; the API's handler ({@link ApiExceptionHandler}) answers everything else. Its order
 * is that of an advice, not of a filter: it is asked before the API's handler, which would also take these.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private final FailureTriage triage;

    PageErrors(FailureTriage triage) {
        this.triage = triage;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // why: Spring Security turns these into a login redirect or 403
        }
        FailureTriage.Failure failure = triage.triage(e, request);
        failure.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setStatus(failure.status().value());
        ModelAndView page = new ModelAndView("error");
        page.setStatus(failure.status());
        page.addObject("status", failure.status().value());
        if (failure instanceof FailureTriage.Unexpected unexpected) {
            page.addObject(FailureTriage.REFERENCE, unexpected.reference());
        }
        return page;
    }
}
