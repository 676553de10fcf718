package dev.microposts.web.spi;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Bounds a request body however it is framed, and words the refusal of one that is too large the same way
 * everywhere: a module whose filter must bound a body before the edge's guard runs (an upload that no other
 * filter may read first) uses the same wrapper and the same 413 as the guard.
 */
public final class BodyLimits {

    private BodyLimits() {}

    /** The answer to a body over {@code max} bytes. */
    public static ProblemDetail tooLarge(long max) {
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than the limit of " + max + " bytes");
    }

    /**
     * The request with a body that fails with {@link BodyTooLargeException} once more than {@code max} bytes have
     * been read, whatever its framing: a client that declares no length cannot send more than that. A request
     * that is already limited keeps its limit rather than being counted twice.
     */
    public static HttpServletRequest limit(HttpServletRequest request, long max) {
        if (request instanceof LimitedBodyRequest
                || request instanceof ServletRequestWrapper wrapper && wrapper.isWrapperFor(LimitedBodyRequest.class)) {
            return request;
        }
        return new LimitedBodyRequest(request, max);
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
