/**
 * Videos: upload to shared storage, the probe → renditions + thumbnail pipeline on the task queues, and
 * serving the results.
 *
 * <p>An upload is stored and answered at once ({@code 202}); a {@code probe} task checks the file with
 * ffprobe against the limits and fans out to {@code transcode} tasks (one per group of rungs of the ladder,
 * each decoding the source once) and a {@code thumbnail} task. Every task is a part of the item in PostgreSQL,
 * held under a lease its worker renews; the item becomes {@code ready} exactly once, when its last part is
 * done, and {@link dev.microposts.media.VideoReady} or {@link dev.microposts.media.VideoFailed} is published.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Media")
package dev.microposts.media;
