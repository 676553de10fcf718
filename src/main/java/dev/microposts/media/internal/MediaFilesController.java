package dev.microposts.media.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.storage.NoSuchStoredObjectException;
import dev.microposts.storage.Storage;
import dev.microposts.storage.StoredObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves renditions and thumbnails with byte ranges (so players can seek), their content type, {@code nosniff}
 * and, once a post carries the video, a year of caching: a file's URL carries the token of the attempt that
 * made it, so it never changes. The files of an upload on no post yet are its owner's only, and never cached.
 * With {@code microposts.media.accel-redirect} set, a web server in front serves the bytes instead.
 */
@RestController
class MediaFilesController {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern FILE = Pattern.compile("(?:[0-9]{1,5}\\.mp4|thumb-[0-9]{1,5}\\.jpg)");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final Storage storage;
    private final MediaStore store;
    private final MediaProperties properties;

    MediaFilesController(Storage storage, MediaStore store, MediaProperties properties) {
        this.storage = storage;
        this.store = store;
        this.properties = properties;
    }

    /** Who asks, read only for a file of an upload on no post: most files need no session lookup. */
    private static long viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof UserRef user ? user.id() : -1;
    }

    @RequestMapping(
            path = "/media/{id}/{token}/{file}",
            method = {RequestMethod.GET, RequestMethod.HEAD})
    void serve(
            @PathVariable String id,
            @PathVariable String token,
            @PathVariable String file,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        // why: only names the pipeline itself produces; nothing from the URL reaches storage unchecked
        if (!UUID_TEXT.matcher(id).matches()
                || !UUID_TEXT.matcher(token).matches()
                || !FILE.matcher(file).matches()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Optional<MediaStore.Access> access = store.access(UUID.fromString(id));
        if (access.isEmpty() || !access.get().attached() && access.get().ownerId() != viewer()) {
            // why: the files of a deleted item, or of an upload on no post, are not there for anyone else
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String key = MediaKeys.attemptFile(UUID.fromString(id), UUID.fromString(token), file);
        Optional<StoredObject> stored = storage.stat(key);
        if (stored.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        long size = stored.get().size();
        String type = file.endsWith(".mp4") ? "video/mp4" : "image/jpeg";
        response.setContentType(type);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // why: a draft's files must not outlive it in a shared cache, nor be handed by one to someone else
        response.setHeader(
                HttpHeaders.CACHE_CONTROL,
                access.get().attached() ? "public, max-age=31536000, immutable" : "private, no-store");
        String etag = "\"" + token + "-" + file + "\"";
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (!properties.accelRedirect().isEmpty()) {
            // why: the web server in front answers ranges and caching itself from its internal location
            response.setHeader("X-Accel-Redirect", properties.accelRedirect() + key);
            return;
        }
        if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        long start = 0;
        long end = size - 1;
        String range = request.getHeader(HttpHeaders.RANGE);
        Matcher matcher = range == null ? null : RANGE.matcher(range.trim());
        if (matcher != null
                && matcher.matches()
                && !(matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            try {
                if (matcher.group(1).isEmpty()) {
                    start = Math.max(0, size - Long.parseLong(matcher.group(2)));
                } else {
                    start = Long.parseLong(matcher.group(1));
                    if (!matcher.group(2).isEmpty()) {
                        end = Math.min(end, Long.parseLong(matcher.group(2)));
                    }
                }
            } catch (NumberFormatException e) {
                start = size; // unsatisfiable below
            }
            if (start >= size || start > end) {
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
                response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                response.setContentLength(0);
                return;
            }
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
        }
        long length = end - start + 1;
        response.setContentLengthLong(length);
        if ("HEAD".equals(request.getMethod()) || length == 0) {
            return;
        }
        try (InputStream in = storage.open(key, start, length);
                OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        } catch (NoSuchStoredObjectException e) {
            if (!response.isCommitted()) {
                response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            }
        }
    }
}
