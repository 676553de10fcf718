package dev.microposts.web.internal;

import dev.microposts.web.ApiPaths;
import dev.microposts.web.ProblemResponses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers every error the servlet container forwards here (raised by a filter, Spring Security or a
 * {@code sendError}) in the form the caller reads: problem+json for the API and the scripts of the pages,
 * the friendly error page for everything else. It replaces Spring Boot's own, which picks JSON or HTML by
 * the {@code Accept} header and so gave API clients a body that is not problem+json, and people whose
 * browser asked for anything but HTML a bare JSON object.
 */
@Controller
class ErrorAnswers implements ErrorController {

    private final DeclaredRoutes routes;

    ErrorAnswers(DeclaredRoutes routes) {
        this.routes = routes;
    }

    @RequestMapping("${server.error.path:/error}")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatus status = status(request);
        if (wasApi(request)) {
            ProblemResponses.write(response, ProblemDetail.forStatusAndDetail(status, detail(status)));
            return null;
        }
        ModelAndView page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        return page;
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    /** The request that failed, not this forward to the error path, decides the form of the answer. */
    private boolean wasApi(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return (uri instanceof String path && ApiPaths.isApi(path))
                || routes.of(request).answersScripts();
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed (its URL, headers, parameters or body cannot be read)";
            case UNAUTHORIZED -> "Authentication is required; get a token with POST /api/v1/token";
            case FORBIDDEN ->
                "This is not allowed; a form sent without its CSRF token, or with an expired one, is" + " refused too";
            case NOT_FOUND -> "There is nothing here; the API is described at /v3/api-docs";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here; the API is described at /v3/api-docs";
            case CONTENT_TOO_LARGE -> "The request body is larger than the server accepts";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request's headers are larger than the server accepts";
            case SERVICE_UNAVAILABLE -> "The service is busy or temporarily unavailable; try again shortly";
            default ->
                status.is5xxServerError()
                        ? "Something went wrong on our side; try again shortly"
                        : "The request cannot be answered: " + status.getReasonPhrase();
        };
    }
}
