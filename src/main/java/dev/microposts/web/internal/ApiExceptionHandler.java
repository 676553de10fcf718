package dev.microposts.web.internal;

import dev.microposts.refusals.Refusal;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.spi.BodyLimits;
import dev.microposts.web.spi.BodyTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every API error becomes {@code application/problem+json} (RFC 9457) with a {@code detail} a client
 * developer can act on. Nothing internal (stack traces, SQL, class names) ever reaches the client.
 *
 * <p>Errors on pages are not the API's: for them this handler only sets the status, and the servlet
 * container shows the friendly error page.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ApiLimits limits;
    private final FailureTriage triage;
    private final DeclaredRoutes routes;

    ApiExceptionHandler(ApiLimits limits, FailureTriage triage, DeclaredRoutes routes) {
        this.limits = limits;
        this.triage = triage;
        this.routes = routes;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(
            ApiProblem problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isApi(request)) {
            return errorPage(response, problem.getStatusCode());
        }
        return apiProblem(problem);
    }

    /** A module's refusal, answered as the problem it maps to ({@link ApiProblem#from(Refusal)}). */
    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refusal(Refusal refusal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return apiProblem(ApiProblem.from(refusal), request, response);
    }

    private static ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return ResponseEntity.status(problem.getStatusCode())
                .headers(problem.getHeaders())
                .body(problem.getBody());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(
            MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        return apiProblem(
                ApiProblem.invalid(e.getName(), "'" + e.getValue() + "' is not a valid value"), request, response);
    }

    /**
     * Everything no handler above answers: {@link FailureTriage} decides the outcome, and only the form of the
     * answer is this handler's (problem+json for the API, the friendly page for the rest).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> failed(Exception e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        FailureTriage.Failure failure = triage.triage(e, request);
        if (!isApi(request)) {
            failure.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            if (failure instanceof FailureTriage.Unexpected unexpected) {
                // why: the error page the container renders shows it, as the problem's body does
                request.setAttribute(FailureTriage.REFERENCE, unexpected.reference());
            }
            return errorPage(response, failure.status());
        }
        return ResponseEntity.status(failure.status())
                .headers(failure.headers())
                .body(failure.problem());
    }

    /** The problems Spring MVC itself raises (404, 405, 415, ...): pages get the error page instead. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet
                && !isApi(servlet.getRequest())
                && servlet.getResponse() != null) {
            try {
                servlet.getResponse().sendError(status.value());
            } catch (IOException io) {
                log.debug("Could not send the error page: {}", io.toString());
            }
            return null;
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private boolean isApi(HttpServletRequest request) {
        return routes.answersWithProblems(request);
    }

    /** Hands the error to the servlet container, which renders the friendly error page for it. */
    private static ResponseEntity<ProblemDetail> errorPage(HttpServletResponse response, HttpStatusCode status)
            throws IOException {
        response.sendError(status.value());
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (FailureTriage.cause(e, BodyTooLargeException.class).isPresent()) {
            return handleExceptionInternal(
                    e,
                    BodyLimits.tooLarge(limits.maxBodySize().toBytes()),
                    headers,
                    HttpStatus.CONTENT_TOO_LARGE,
                    request);
        }
        ApiProblem problem = unreadable(e);
        return handleExceptionInternal(e, problem.getBody(), headers, problem.getStatusCode(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiProblem.FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new ApiProblem.FieldProblem(snakeCase(error.getField()), error.getDefaultMessage()))
                .toList();
        ApiProblem problem = ApiProblem.invalid(errors);
        return handleExceptionInternal(e, problem.getBody(), headers, problem.getStatusCode(), request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ApiProblem problem = ApiProblem.notFound(
                "There is nothing at /" + e.getResourcePath() + "; the API is described at /v3/api-docs");
        return handleExceptionInternal(e, problem.getBody(), headers, problem.getStatusCode(), request);
    }

    private static ApiProblem unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return ApiProblem.invalid(
                    unknown.getPropertyName(), "unknown field; accepted fields are " + unknown.getKnownPropertyIds());
        }
        if (cause instanceof InvalidFormatException invalid
                && !invalid.getPath().isEmpty()) {
            return ApiProblem.invalid(fieldPath(invalid), "'" + invalid.getValue() + "' is not a valid value");
        }
        if (cause instanceof MismatchedInputException mismatched
                && !mismatched.getPath().isEmpty()) {
            return ApiProblem.invalid(fieldPath(mismatched), "has the wrong type");
        }
        if (cause instanceof StreamReadException parse) {
            String where = parse.getLocation() == null
                    ? ""
                    : " at line " + parse.getLocation().getLineNr() + ", column "
                            + parse.getLocation().getColumnNr();
            return new ApiProblem(HttpStatus.BAD_REQUEST, "The request body is not valid JSON" + where);
        }
        if (cause == null || cause instanceof JacksonException) {
            return new ApiProblem(HttpStatus.BAD_REQUEST, "The request body is missing or is not valid JSON");
        }
        return new ApiProblem(HttpStatus.BAD_REQUEST, "The request body could not be read");
    }

    private static String fieldPath(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
