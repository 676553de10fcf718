package dev.microposts.media.internal;

import dev.microposts.media.MediaView;
import java.util.ArrayList;
import java.util.List;

/**
 * The renditions a source gets: the configured sizes (by the short side) up to the source's own, with even
 * dimensions after rotation, the frame rate capped, and bitrates scaled to pixels per second.
 */
final class Ladder {

    /** About 0.07 bits per pixel: 1080p30 gets ~4.4 Mb/s, 720p30 ~1.9 Mb/s, 360p30 ~0.5 Mb/s. */
    private static final double BITS_PER_PIXEL = 0.07;

    private Ladder() {}

    record Rung(int size, int width, int height, double frameRate, int videoKbps, int audioKbps) {
        String name() {
            return String.valueOf(size);
        }
    }

    /** The display size: what the viewer sees once rotation is applied. */
    static int[] displaySize(MediaView.Source source) {
        boolean sideways = source.rotation() == 90 || source.rotation() == 270;
        return sideways ? new int[] {source.height(), source.width()} : new int[] {source.width(), source.height()};
    }

    static List<Rung> plan(MediaView.Source source, List<Integer> sizes, double maxFrameRate) {
        int[] display = displaySize(source);
        int shortSide = Math.min(display[0], display[1]);
        List<Integer> chosen =
                new ArrayList<>(sizes.stream().filter(s -> s <= shortSide).toList());
        if (chosen.isEmpty()) {
            chosen.add(even(shortSide)); // why: a source below the smallest rung keeps its own size
        }
        double frameRate = source.frameRate() > 0 ? Math.min(source.frameRate(), maxFrameRate) : 30;
        List<Rung> rungs = new ArrayList<>();
        for (int size : chosen) {
            double scale = (double) size / shortSide;
            int width = even(display[0] * scale);
            int height = even(display[1] * scale);
            int kbps = (int) Math.max(64, Math.round(width * (double) height * frameRate * BITS_PER_PIXEL / 1000));
            int audio = size >= 720 ? 128 : size >= 360 ? 96 : 64;
            rungs.add(new Rung(Math.min(width, height), width, height, frameRate, kbps, audio));
        }
        return rungs;
    }

    private static int even(double value) {
        return Math.max(2, (int) Math.round(value / 2) * 2);
    }
}
