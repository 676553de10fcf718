package dev.microposts.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * What the first bytes of an upload say it is. Only for telling its owner in plain words what went wrong, and
 * for refusing at once a file that is plainly something else: whether a file is a video the pipeline takes is
 * for ffprobe to decide, so {@link #VIDEO} means only that it starts like one of the accepted containers.
 */
enum FileKind {
    VIDEO(null),
    PDF("a PDF document"),
    PICTURE("a picture"),
    SOUND("a sound file"),
    ARCHIVE("an archive or an office document"),
    TEXT("a text file"),
    UNKNOWN(null);

    private static final int HEAD = 512;
    private static final Set<String> PICTURE_BRANDS = Set.of("heic", "heix", "mif1", "avif");
    private static final byte[] ASF = {0x30, 0x26, (byte) 0xB2, 0x75, (byte) 0x8E, 0x66, (byte) 0xCF, 0x11};
    private static final byte[] OLE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A};

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    /** Whether it is plainly not a video: a document, picture, sound, archive or text. */
    boolean plainlyNotAVideo() {
        return description != null;
    }

    /** What it is, as in "This is a PDF document"; null for a video or a file of no known kind. */
    String description() {
        return description;
    }

    /** Why the file is not taken, in the words its owner reads. */
    String reason() {
        return switch (this) {
            case VIDEO -> "This video file is damaged or incomplete, so it cannot be read.";
            case UNKNOWN -> "This is not a video file, or it is too damaged to read.";
            default -> "This is " + description + ", not a video file.";
        };
    }

    static FileKind of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in.readNBytes(HEAD));
        }
    }

    static FileKind of(byte[] head) {
        if (head.length == 0) {
            return UNKNOWN;
        }
        if (startsWith(head, 0, "%PDF-")) {
            return PDF;
        }
        if (startsWith(head, 4, "ftyp")) {
            return PICTURE_BRANDS.contains(ascii(head, 8, 4)) ? PICTURE : VIDEO;
        }
        if (startsWith(head, 0, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3})
                || startsWith(head, 0, ASF)
                || startsWith(head, 0, "OggS")
                || startsWith(head, 0, "FLV")
                || (startsWith(head, 0, "RIFF") && startsWith(head, 8, "AVI "))
                || isTransportStream(head)) {
            return VIDEO;
        }
        for (String atom : new String[] {"moov", "mdat", "free", "wide", "skip"}) {
            if (startsWith(head, 4, atom)) {
                return VIDEO;
            }
        }
        if (startsWith(head, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                || startsWith(head, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})
                || startsWith(head, 0, "GIF8")
                || (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WEBP"))) {
            return PICTURE;
        }
        if (startsWith(head, 0, "ID3")
                || startsWith(head, 0, "fLaC")
                || (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WAVE"))
                || isMpegAudio(head)) {
            return SOUND;
        }
        if (startsWith(head, 0, new byte[] {'P', 'K', 3, 4})
                || startsWith(head, 0, OLE)
                || startsWith(head, 0, "Rar!")
                || startsWith(head, 0, new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF})
                || startsWith(head, 0, new byte[] {0x1F, (byte) 0x8B})) {
            return ARCHIVE;
        }
        return isText(head) ? TEXT : UNKNOWN;
    }

    /** MPEG-TS: a sync byte every 188 bytes. */
    private static boolean isTransportStream(byte[] head) {
        return head.length > 188 && head[0] == 0x47 && head[188] == 0x47;
    }

    /** An MP3 or AAC (ADTS) frame: eleven set bits. JPEG, which starts alike, is told apart before. */
    private static boolean isMpegAudio(byte[] head) {
        return head.length > 1 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0;
    }

    /** Printable characters and line breaks only: no container starts like that. */
    private static boolean isText(byte[] head) {
        for (byte b : head) {
            int c = b & 0xFF;
            boolean printable = c >= 0x20 && c != 0x7F;
            if (!printable && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] head, int offset, String text) {
        return startsWith(head, offset, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] head, int offset, byte[] prefix) {
        return head.length >= offset + prefix.length
                && Arrays.equals(head, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static String ascii(byte[] head, int offset, int length) {
        return head.length >= offset + length ? new String(head, offset, length, StandardCharsets.US_ASCII) : "";
    }
}
