package dev.microposts.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first thing every API request meets. It refuses bodies over the limit (by their declared length
 * before reading, or while streaming them), and turns any failure that escapes the filters behind it
 * (authentication needing the database, say) into a problem response instead of a stack trace.
 */
@Component
@Order(FilterOrder.API_REQUEST_GUARD)
public class ApiRequestGuard extends OncePerRequestFilter {

    /**
     * A request attribute with which an earlier filter raises the body limit of the endpoints it owns (an
     * upload, say), as a {@code Long} number of bytes.
     */
    public static final String BODY_LIMIT = ApiRequestGuard.class.getName() + ".bodyLimit";

    private final ApiLimits limits;
    private final FailureTriage triage;

    ApiRequestGuard(ApiLimits limits, FailureTriage triage) {
        this.limits = limits;
        this.triage = triage;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiPaths.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = request.getAttribute(BODY_LIMIT) instanceof Long raised
                ? raised
                : limits.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            ProblemResponses.write(response, tooLarge(max));
            return;
        }
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        try {
            chain.doFilter(hasBody ? limitBody(request, max) : request, response);
        } catch (Exception e) {
            FailureTriage.Failure failure = triage.triage(e, request);
            failure.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            ProblemResponses.write(response, failure.problem());
        }
    }

    public static ProblemDetail tooLarge(long max) {
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than the limit of " + max + " bytes");
    }

    /**
     * The request with a body that fails with {@link BodyTooLargeException} once more than {@code max} bytes have
     * been read, whatever its framing: a client that declares no length cannot send more than that. A request
     * that is already limited keeps its limit rather than being counted twice.
     */
    public static HttpServletRequest limitBody(HttpServletRequest request, long max) {
        if (request instanceof LimitedBodyRequest
                || request instanceof ServletRequestWrapper wrapper && wrapper.isWrapperFor(LimitedBodyRequest.class)) {
            return request;
        }
        return new LimitedBodyRequest(request, max);
    }

    /** Raised while reading a body that grows past the limit without having declared its length. */
    public static final class BodyTooLargeException extends IOException {
        private final long max;

        public BodyTooLargeException(long max) {
            super("request body exceeds " + max + " bytes");
            this.max = max;
        }

        public long max() {
            return max;
        }
    }

    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream stream;

        LimitedBodyRequest(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), max);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long max;
        private long read;

        LimitedStream(ServletInputStream delegate, long max) {
            this.delegate = delegate;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > max) {
                throw new BodyTooLargeException(max);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
