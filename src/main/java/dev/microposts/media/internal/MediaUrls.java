package dev.microposts.media.internal;

import dev.microposts.media.MediaView;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** Builds what the API shows of an item; stored files are served under {@code /media/<id>/<token>/<name>}. */
@Component
class MediaUrls {

    private final MediaProperties properties;

    MediaUrls(MediaProperties properties) {
        this.properties = properties;
    }

    static String file(String storageKey) {
        return "/" + storageKey;
    }

    /** With the reason a video failed only for {@code byOwner}: it can name what the owner uploaded instead. */
    MediaView view(MediaStore.Item item, List<MediaStore.Output> outputs, boolean byOwner) {
        List<MediaView.Rendition> renditions = outputs.stream()
                .filter(o -> o.kind().equals("rendition"))
                .sorted(Comparator.comparingInt(MediaStore.Output::height))
                .map(o -> new MediaView.Rendition(
                        o.height(),
                        o.width(),
                        file(o.key()),
                        o.size(),
                        o.bitrate(),
                        o.durationMs() == null ? null : o.durationMs() / 1000.0,
                        o.contentType()))
                .toList();
        List<MediaView.Thumbnail> thumbnails = outputs.stream()
                .filter(o -> o.kind().equals("thumbnail"))
                .map(o -> new MediaView.Thumbnail(o.width(), o.height(), file(o.key())))
                .toList();
        int preferred = properties.thumbnailWidths().get(0);
        String thumbnailUrl = thumbnails.stream()
                .min(Comparator.comparingInt(t -> Math.abs(t.width() - preferred)))
                .map(MediaView.Thumbnail::url)
                .orElse(null);
        return new MediaView(
                item.id().toString(),
                item.status(),
                MediaView.stage(item.status(), item.source() != null),
                byOwner ? item.reason() : null,
                item.source(),
                renditions,
                thumbnailUrl,
                thumbnails,
                MediaView.href(item.id().toString()),
                item.createdAt(),
                item.altText());
    }
}
