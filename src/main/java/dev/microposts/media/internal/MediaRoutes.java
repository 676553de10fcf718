package dev.microposts.media.internal;

import dev.microposts.web.spi.RouteTraits;
import jakarta.servlet.http.HttpServletRequest;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * The edge's view of the routes that move video: uploads (the API's, and the one the compose box's script
 * calls), the compose form sent with its file, and file downloads. {@link MediaRequestFilter} bounds how many
 * of them run at once, so the edge's concurrency limit lets them pass; uploads take the media size limit
 * instead of the API's small one.
 */
@Component
class MediaRoutes implements RouteTraits {

    private final MediaProperties properties;

    MediaRoutes(MediaProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean isTransfer(HttpServletRequest request) {
        return MediaRequestFilter.isUpload(request)
                || MediaRequestFilter.isDownload(request)
                || MediaRequestFilter.isFormWithVideo(request);
    }

    @Override
    public OptionalLong maxBodySize(HttpServletRequest request) {
        return MediaRequestFilter.isUpload(request)
                ? OptionalLong.of(properties.maxUploadSize().toBytes())
                : OptionalLong.empty();
    }

    /** The compose box's script reads the reason for a refusal, as an API client would. */
    @Override
    public boolean answersScripts(HttpServletRequest request) {
        return MediaRequestFilter.isUpload(request) && request.getRequestURI().equals(MediaController.UPLOADS);
    }
}
