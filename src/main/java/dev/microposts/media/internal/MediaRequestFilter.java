package dev.microposts.media.internal;

import dev.microposts.web.ApiRequestGuard;
import dev.microposts.web.ProblemResponses;
import dev.microposts.web.RequestConcurrencyLimit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The requests that move many bytes of video: uploads (and the compose form sent with its file) and file
 * downloads. They take as long as the network does, so they pass the web worker's concurrency limit without a
 * permit. Uploads also get the media
 * size limit instead of the API's small body limit, and one whose declared length is over it is refused
 * before a byte of its body is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class MediaRequestFilter extends OncePerRequestFilter {

    /** The most a compose form without a file can weigh: 500 characters and a few fields. */
    private static final long FORM_WITHOUT_FILE = 64 * 1024;

    private final MediaProperties properties;
    private final UploadAdmission admission;

    MediaRequestFilter(MediaProperties properties, UploadAdmission admission) {
        this.properties = properties;
        this.admission = admission;
    }

    /** The backlog's answer; if it cannot be read (the database is down), the upload goes on and meets that. */
    private UploadAdmission.Decision admission() {
        try {
            return admission.decide();
        } catch (DataAccessException e) {
            return UploadAdmission.Decision.ADMITTED;
        }
    }

    static boolean isUpload(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "POST".equals(request.getMethod())
                && (path.equals("/api/v1/media") || path.equals("/api/media") || path.equals(MediaController.UPLOADS));
    }

    static boolean isDownload(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/media/");
    }

    /**
     * The compose form with a video file in it, as a page without its script sends it. Its refusals are for
     * the form to show, so only the wait is this filter's business; a small body is a post without a file.
     */
    static boolean isFormWithVideo(HttpServletRequest request) {
        String type = request.getContentType();
        long length = request.getContentLengthLong();
        return "POST".equals(request.getMethod())
                && request.getRequestURI().equals("/posts")
                && type != null
                && type.startsWith("multipart/")
                && (length < 0 || length > FORM_WITHOUT_FILE);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isUpload(request) && !isDownload(request) && !isFormWithVideo(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(RequestConcurrencyLimit.NETWORK_BOUND, Boolean.TRUE);
        if (isDownload(request) || isFormWithVideo(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getRequestURI().equals(MediaController.UPLOADS)) {
            // why: the compose box's script reads the reason for a refusal, as an API client would
            request.setAttribute(ProblemResponses.FOR_SCRIPTS, Boolean.TRUE);
        }
        long max = properties.maxUploadSize().toBytes();
        if (request.getContentLengthLong() > max) {
            // why: answer now instead of reading a body that will be refused; the server closes the connection
            // rather than swallow it, and a client that sent Expect: 100-continue never sends it at all
            ProblemResponses.write(response, ApiRequestGuard.tooLarge(max));
            response.flushBuffer();
            return;
        }
        UploadAdmission.Decision decision = admission();
        if (!decision.admitted()) {
            // why: no Connection: close here; the server swallows a body up to server.tomcat.max-swallow-size so
            // the client reads the answer on a live connection, and closes the connection on a larger one
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Too many videos are waiting to be processed right now (" + decision.backlog()
                            + "); uploads reopen by themselves as they finish.");
            problem.setProperty("retry_after", decision.retryAfterSeconds());
            ProblemResponses.write(response, problem);
            response.flushBuffer();
            return;
        }
        // why: the API's guard cuts off a raw body that grows past this while streaming; a multipart file
        // is bounded by the container (spring.servlet.multipart.max-file-size is the same setting)
        request.setAttribute(ApiRequestGuard.BODY_LIMIT, max);
        chain.doFilter(request, response);
    }
}
