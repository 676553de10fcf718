package dev.microposts.media.internal;

import dev.microposts.web.ProblemResponses;
import dev.microposts.web.spi.BodyLimits;
import dev.microposts.web.spi.FilterOrder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The requests that move many bytes of video: uploads (and the compose form sent with its file) and file
 * downloads. They take as long as the network does, so they pass the web worker's concurrency limit without a
 * permit (as {@link MediaRoutes} declares them to the edge); {@link TransferSlots} bounds them instead, per client
 * and in all. Uploads also get the media
 * size limit instead of the API's small body limit, whatever their framing: one whose declared length is over
 * it is refused before a byte of its body is read, and one that does not declare it is cut off as it grows
 * past it. Who may upload, and whether the backlog has room, is {@link UploadGate}'s business.
 */
@Component
@Order(FilterOrder.MEDIA_TRANSFERS)
class MediaRequestFilter extends OncePerRequestFilter {

    /** The most a compose form without a file can weigh: 500 characters and a few fields. */
    private static final long FORM_WITHOUT_FILE = 64 * 1024;

    /** Seconds a client refused for holding too many transfers is asked to wait. */
    private static final int RETRY_AFTER_SECONDS = 5;

    private final MediaProperties properties;
    private final TransferSlots transfers;

    MediaRequestFilter(MediaProperties properties) {
        this.properties = properties;
        this.transfers = new TransferSlots(properties.maxTransfersPerClient(), properties.maxTransfers());
    }

    static boolean isUpload(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "POST".equals(request.getMethod())
                && (path.equals("/api/v1/media") || path.equals("/api/media") || path.equals(MediaController.UPLOADS));
    }

    /** A bearer token or a cookie (a page session): without either, an upload is refused unread. */
    private static boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || request.getHeader("Cookie") != null;
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
        if (isUpload(request) && !carriesCredentials(request)) {
            // why: the security rules behind refuse it with 401 before reading its body, so it moves no video
            // and takes no slot; a burst of them must not crowd out the members' uploads with 429s
            transfer(request, response, chain);
            return;
        }
        TransferSlots.Slot slot = transfers.acquire(request.getRemoteAddr());
        if (slot.admission() != TransferSlots.Admission.ADMITTED) {
            refuse(request, response, slot.admission());
            return;
        }
        try {
            transfer(request, response, chain);
        } finally {
            transfers.release(slot);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, TransferSlots.Admission admission)
            throws IOException {
        boolean client = admission == TransferSlots.Admission.CLIENT_BUSY;
        HttpStatus status = client ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
        String detail = client
                ? "Too many video uploads and downloads from your address at once; try again when one has finished"
                : "The server is moving as many videos as it can at once; try again in a few seconds";
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        if (isFormWithVideo(request)) {
            response.sendError(status.value(), detail);
        } else {
            ProblemResponses.write(response, ProblemDetail.forStatusAndDetail(status, detail));
        }
    }

    private void transfer(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isDownload(request) || isFormWithVideo(request)) {
            chain.doFilter(request, response);
            return;
        }
        long max = properties.maxUploadSize().toBytes();
        if (request.getContentLengthLong() > max) {
            // why: answer now instead of reading a body that will be refused; the server closes the connection
            // rather than swallow it, and a client that sent Expect: 100-continue never sends it at all
            ProblemResponses.write(response, BodyLimits.tooLarge(max));
            response.flushBuffer();
            return;
        }
        // why: the API's guard covers only /api/, and a body sent chunked declares no length to check above;
        // counting the bytes as they are read is the only bound. A multipart body is bounded by the container
        // (UploadMultipartConfiguration), since it reads those bytes itself, past any wrapper.
        chain.doFilter(BodyLimits.limit(request, max), response);
    }
}
