package dev.microposts.web.internal;

import dev.microposts.refusals.Refusal;
import dev.microposts.web.ApiLimits;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.spi.BodyLimits;
import dev.microposts.web.spi.BodyTooLargeException;
import jakarta.jms.JMSException;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.jms.JmsException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;

/**
 * Decides what a failure means for the one who asked, wherever it surfaced (a controller, a filter, a
 * page): their own mistake, a body over the limit, a backing service that is down for a while, or a bug of
 * ours. The API's handler, the request guard and the pages' handler only render the outcome, so a failure
 * gets the same status, headers and log line whichever of them meets it.
 *
 * <p>Why each outcome is logged the way it is: a client's mistake is theirs and is not logged; an outage
 * is expected to pass and is a WARN naming the service, without a stack trace, so that a database restart
 * does not flood the log; a bug is an ERROR with its stack trace and a reference that the client is shown,
 * so an operator can find the one line a user reports.
 */
@Component
class FailureTriage {

    private static final Logger log = LoggerFactory.getLogger(FailureTriage.class);

    /**
     * The request attribute, and the error page's model entry, holding the reference of a bug's ERROR line:
     * the page shows it to the user who will report it.
     */
    static final String REFERENCE = "reference";

    /** Causes past this depth are not looked at: reporting a failure must stay cheap whatever it carries. */
    private static final int MAX_CAUSES = 64;

    private final ApiLimits limits;

    FailureTriage(ApiLimits limits) {
        this.limits = limits;
    }

    /** The outcome of {@code failure}, without logging it. */
    Failure triage(Throwable failure) {
        if (failure instanceof ErrorResponse response) {
            return new ClientError(response);
        }
        if (failure instanceof Refusal refusal) {
            return new ClientError(ApiProblem.from(refusal));
        }
        Optional<String> service = unavailableService(failure);
        if (service.isPresent()) {
            return new Unavailable(service.get(), limits.retryAfterSeconds());
        }
        Optional<BodyTooLargeException> tooLarge = cause(failure, BodyTooLargeException.class);
        if (tooLarge.isPresent()) {
            return new TooLarge(tooLarge.get().max());
        }
        Optional<ErrorResponse> wrapped = cause(failure, ErrorResponse.class);
        if (wrapped.isPresent()) {
            return new ClientError(wrapped.get());
        }
        Optional<Refusal> wrappedRefusal = cause(failure, Refusal.class);
        if (wrappedRefusal.isPresent()) {
            return new ClientError(ApiProblem.from(wrappedRefusal.get()));
        }
        return new Unexpected(UUID.randomUUID().toString());
    }

    /** The outcome of {@code failure} of {@code request}, logged as its kind deserves. */
    Failure triage(Throwable failure, HttpServletRequest request) {
        Failure outcome = triage(failure);
        if (outcome instanceof Unavailable unavailable) {
            log.warn(
                    "{} {} failed, the {} is unavailable: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    unavailable.service(),
                    failure.toString());
        } else if (outcome instanceof Unexpected unexpected) {
            log.error(
                    "{} {} failed (reference {})",
                    request.getMethod(),
                    request.getRequestURI(),
                    unexpected.reference(),
                    failure);
        }
        return outcome;
    }

    /**
     * Which backing service the failure says is unreachable: the database (no connection within the pool's
     * timeout, a broken one, a transaction that cannot begin) or the broker. The first such cause names it.
     */
    static Optional<String> unavailableService(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof JmsException || cause instanceof JMSException) {
                return Optional.of(Unavailable.BROKER);
            }
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException) {
                return Optional.of(Unavailable.DATABASE);
            }
        }
        return Optional.empty();
    }

    /** The first exception of {@code type} in the cause chain of {@code failure}, {@code failure} included. */
    static <T> Optional<T> cause(Throwable failure, Class<T> type) {
        return causes(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The chain of causes in order, each once, however it loops. */
    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure;
                cause != null && seen.add(cause) && chain.size() < MAX_CAUSES;
                cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    /** What a failure means for the client: its status, the headers it needs and the problem to show it. */
    sealed interface Failure {

        HttpStatusCode status();

        ProblemDetail problem();

        default HttpHeaders headers() {
            return HttpHeaders.EMPTY;
        }
    }

    /** The client asked for something wrong, and the failure says what and with which status. */
    record ClientError(ErrorResponse response) implements Failure {

        @Override
        public HttpStatusCode status() {
            return response.getStatusCode();
        }

        @Override
        public ProblemDetail problem() {
            return response.getBody();
        }

        @Override
        public HttpHeaders headers() {
            return response.getHeaders();
        }
    }

    /** The body grew past its limit while it was being read. */
    record TooLarge(long maxBytes) implements Failure {

        @Override
        public HttpStatusCode status() {
            return HttpStatus.CONTENT_TOO_LARGE;
        }

        @Override
        public ProblemDetail problem() {
            return BodyLimits.tooLarge(maxBytes);
        }
    }

    /** A backing service cannot be reached; the client may try again after a while. */
    record Unavailable(String service, int retryAfterSeconds) implements Failure {

        static final String DATABASE = "database";
        static final String BROKER = "broker";

        @Override
        public HttpStatusCode status() {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }

        @Override
        public ProblemDetail problem() {
            return ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "The service is temporarily unavailable (its database, broker or storage cannot be reached);"
                            + " try again shortly");
        }

        @Override
        public HttpHeaders headers() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
            return headers;
        }
    }

    /** A bug of ours; the reference ties what the client is shown to the ERROR line in the log. */
    record Unexpected(String reference) implements Failure {

        @Override
        public HttpStatusCode status() {
            return HttpStatus.INTERNAL_SERVER_ERROR;
        }

        @Override
        public ProblemDetail problem() {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "Something went wrong on our side; it has been logged with reference " + reference);
            problem.setProperty("reference", reference);
            return problem;
        }
    }
}
