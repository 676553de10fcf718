package dev.microposts.media.internal;

import dev.microposts.web.ApiRequestGuard;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;

/**
 * An upload's raw body that fails once more than the upload limit has been read, so a client that declares no
 * length cannot fill the disk. The failure is the API guard's exception, which every error handler already
 * answers with 413; whoever was copying the body deletes what it had written.
 */
final class LimitedUploadBody extends HttpServletRequestWrapper {

    private final long max;
    private ServletInputStream body;

    LimitedUploadBody(HttpServletRequest request, long max) {
        super(request);
        this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            body = new Counting(super.getInputStream(), max);
        }
        return body;
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long max;
        private long read;

        Counting(ServletInputStream delegate, long max) {
            this.delegate = delegate;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws ApiRequestGuard.BodyTooLargeException {
            read += n;
            if (read > max) {
                throw new ApiRequestGuard.BodyTooLargeException(max);
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
