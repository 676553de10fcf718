package dev.microposts.media.internal;

import dev.microposts.web.ApiPaths;
import dev.microposts.web.ApiProblem;
import dev.microposts.web.ProblemResponses;
import dev.microposts.web.spi.BodyLimits;
import dev.microposts.web.spi.BodyTooLargeException;
import dev.microposts.web.spi.FilterOrder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Decides about an upload before anything reads its body. Spring Security would read it first on the pages:
 * its CSRF check looks for the token among the form's fields, which makes the container take in every part of
 * a multipart body, even an anonymous one it is about to refuse. So this runs after the session is loaded and
 * before Spring Security: a request from nobody signed in is refused unread; one from a member meets the
 * backlog's admission, and a multipart body is taken in here, under the upload limit, so one past it is
 * answered with 413 (problem+json, or the friendly page for the compose form) rather than as a missing CSRF
 * token. Only an upload that then gets stored counts toward the backlog (see {@link UploadAdmission}).
 */
@Component
@Order(FilterOrder.UPLOAD_GATE)
class UploadGate extends OncePerRequestFilter {

    private static final HttpSessionSecurityContextRepository SESSIONS = new HttpSessionSecurityContextRepository();

    private final MediaProperties properties;
    private final UploadAdmission admission;
    private final DiskFloor diskFloor;

    UploadGate(MediaProperties properties, UploadAdmission admission, DiskFloor diskFloor) {
        this.properties = properties;
        this.admission = admission;
        this.diskFloor = diskFloor;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !MediaRequestFilter.isUpload(request) && !MediaRequestFilter.isFormWithVideo(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!signedIn(request)) {
            refuseAnonymous(request, response);
            return;
        }
        if (MediaRequestFilter.isUpload(request)) {
            // why: the compose form's refusal is the form's to show, with its text kept (MediaService)
            UploadAdmission.Decision decision = admission();
            if (!decision.admitted()) {
                refuseWhileBusy(response, decision);
                return;
            }
            // why: before the multipart parts are written to the very disk that is short of space
            DiskNearlyFull full = diskFloor.refusal();
            if (full != null) {
                ProblemResponses.write(response, ApiProblem.from(full).getBody());
                response.flushBuffer();
                return;
            }
        }
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            try {
                request.getParts();
            } catch (IllegalStateException | IOException | ServletException e) {
                refuseUnreadable(request, response, e);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether the request comes from a member. The API's bearer token is only looked at for being there:
     * checking it is Spring Security's job, and a request with one is bounded like any member's.
     */
    private static boolean signedIn(HttpServletRequest request) {
        if (isApi(request)) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        }
        return SESSIONS.containsContext(request);
    }

    private static boolean isApi(HttpServletRequest request) {
        return ApiPaths.isApi(request);
    }

    private static boolean forScripts(HttpServletRequest request) {
        return isApi(request) || request.getRequestURI().equals(MediaController.UPLOADS);
    }

    /** The answers Spring Security would give, without reading the body it would have read to give them. */
    private static void refuseAnonymous(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (isApi(request)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"microposts\"");
            ProblemResponses.write(
                    response,
                    ProblemDetail.forStatusAndDetail(
                            HttpStatus.UNAUTHORIZED, "Uploading needs an access token; the upload was not read"));
        } else if (forScripts(request)) {
            // why: 401, not 403, so the compose box's script tells a session that has ended from a refused token
            ProblemResponses.write(
                    response,
                    ProblemDetail.forStatusAndDetail(
                            HttpStatus.UNAUTHORIZED,
                            "You are not logged in (or your session has ended): log in to upload a video;"
                                    + " the upload was not read"));
        } else {
            response.sendRedirect(request.getContextPath() + "/login");
        }
        response.flushBuffer();
    }

    /** The backlog's answer; if it cannot be read (the database is down), the upload goes on and meets that. */
    private UploadAdmission.Decision admission() {
        try {
            return admission.decide();
        } catch (DataAccessException e) {
            return UploadAdmission.Decision.ADMITTED;
        }
    }

    private static void refuseWhileBusy(HttpServletResponse response, UploadAdmission.Decision decision)
            throws IOException {
        // why: no Connection: close here; the server swallows a body up to server.tomcat.max-swallow-size so
        // the client reads the answer on a live connection, and closes the connection on a larger one
        ApiProblem problem = ApiProblem.from(BacklogFull.forUpload(decision));
        response.setHeader(HttpHeaders.RETRY_AFTER, problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        ProblemResponses.write(response, problem.getBody());
        response.flushBuffer();
    }

    private void refuseUnreadable(HttpServletRequest request, HttpServletResponse response, Exception e)
            throws IOException {
        boolean tooLarge = causedBy(e, SizeException.class) || causedBy(e, BodyTooLargeException.class);
        HttpStatus status = tooLarge ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
        if (forScripts(request)) {
            ProblemResponses.write(
                    response,
                    tooLarge
                            ? BodyLimits.tooLarge(properties.maxUploadSize().toBytes())
                            : ProblemDetail.forStatusAndDetail(status, "The multipart body could not be read"));
        } else {
            // why: the error page is rendered by a dispatch that would try to read the parts again and fail
            // with an empty answer; marking the failure as a multipart one makes it leave them alone
            request.setAttribute(
                    RequestDispatcher.ERROR_EXCEPTION,
                    tooLarge
                            ? new MaxUploadSizeExceededException(
                                    properties.maxUploadSize().toBytes(), e)
                            : new MultipartException("unreadable multipart body", e));
            response.sendError(status.value());
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
