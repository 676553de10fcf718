package dev.microposts.web;

import dev.microposts.refusals.Refusal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error the API reports as {@code application/problem+json}: a status, a sentence a client
 * developer can act on, and for invalid input the offending fields.
 *
 * <p>{@code throw ApiProblem.notFound("No user named 'zoe'");}
 */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatus status, String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, detail);
    }

    public static ApiProblem preconditionFailed(String detail) {
        return new ApiProblem(HttpStatus.PRECONDITION_FAILED, detail);
    }

    /** Invalid input: 400 with {@code errors: [{field, message}]}. */
    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    public static ApiProblem invalid(List<FieldProblem> errors) {
        ApiProblem problem = new ApiProblem(
                HttpStatus.BAD_REQUEST,
                errors.size() == 1
                        ? errors.get(0).field() + ": " + errors.get(0).message()
                        : "The request has " + errors.size() + " invalid fields");
        problem.getBody().setType(URI.create("/problems/validation"));
        problem.getBody().setTitle("Invalid request");
        problem.getBody()
                .setProperty(
                        "errors",
                        errors.stream()
                                .map(e -> Map.of("field", e.field(), "message", e.message()))
                                .toList());
        return problem;
    }

    /**
     * How the API answers a module's refusal: the status its reason calls for, its message as the detail,
     * its fields as for any invalid input, and {@code Retry-After} (also as {@code retry_after} in the body)
     * when it says how long to wait.
     */
    public static ApiProblem from(Refusal refusal) {
        ApiProblem problem = refusal.reason() == Refusal.Reason.INVALID
                ? invalid(refusal.fields().stream()
                        .map(field -> new FieldProblem(field.name(), field.message()))
                        .toList())
                : new ApiProblem(status(refusal.reason()), refusal.getMessage());
        refusal.retryAfter().ifPresent(wait -> {
            long seconds = RateLimits.retryAfterSeconds(wait);
            problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            problem.getBody().setProperty("retry_after", seconds);
        });
        return problem;
    }

    static HttpStatus status(Refusal.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_SIGNED_IN -> HttpStatus.UNAUTHORIZED;
            case CHANGED_MEANWHILE -> HttpStatus.PRECONDITION_FAILED;
            case LIMIT_REACHED -> HttpStatus.TOO_MANY_REQUESTS;
            case BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
            case NO_SPACE -> HttpStatus.INSUFFICIENT_STORAGE;
        };
    }

    /** One invalid field and why. */
    public record FieldProblem(String field, String message) {}
}
