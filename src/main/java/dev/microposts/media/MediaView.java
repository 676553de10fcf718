package dev.microposts.media;

import java.time.Instant;
import java.util.List;

/**
 * A media item as the API shows it.
 *
 * @param id the item's id, as given by the upload
 * @param status {@code processing}, {@code ready} or {@code failed}
 * @param stage where processing is: {@code probing} (reading the upload), {@code transcoding} (making the
 *     renditions and thumbnails), then {@code ready} or {@code failed} as the status
 * @param reason why it failed, for {@code failed}, shown to its owner only
 * @param source the probed facts of the uploaded file, once probed
 * @param renditions the playable files, smallest first
 * @param thumbnailUrl the default thumbnail, once made
 * @param thumbnails every thumbnail size
 * @param href where to poll it
 * @param altText its owner's description of it for people who cannot see it, or {@code null}
 */
public record MediaView(
        String id,
        String status,
        String stage,
        String reason,
        Source source,
        List<Rendition> renditions,
        String thumbnailUrl,
        List<Thumbnail> thumbnails,
        String href,
        Instant createdAt,
        String altText) {

    /** The longest description of a video: room for a careful one, not for a second post hidden in it. */
    public static final int MAX_ALT_TEXT = 1500;

    /** What the probe found in the uploaded file. */
    public record Source(
            double duration,
            int width,
            int height,
            double frameRate,
            String videoCodec,
            String audioCodec,
            int rotation,
            boolean hasAudio,
            String container,
            long size) {}

    /** Where the API serves a media item, relative to the site: the one place that writes this path. */
    public static String href(String id) {
        return "/api/v1/media/" + id;
    }

    /** The stage of an item with {@code status}, whose probe has run when {@code probed}. */
    public static String stage(String status, boolean probed) {
        if (!status.equals("processing")) {
            return status;
        }
        return probed ? "transcoding" : "probing";
    }

    /** One rung of the ladder: an H.264/AAC MP4 at one size. */
    public record Rendition(
            int height, int width, String url, long size, Integer bitrate, Double duration, String contentType) {}

    /** A JPEG of a representative frame at one width. */
    public record Thumbnail(int width, int height, String url) {}
}
