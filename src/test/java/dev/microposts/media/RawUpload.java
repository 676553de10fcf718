package dev.microposts.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An upload sent the way a hostile client can send one: over a raw socket, with {@code Transfer-Encoding:
 * chunked} so no length is declared. The body goes out on a thread of its own while the answer is read, so a
 * server that answers before it has read the whole body is seen doing so.
 */
final class RawUpload {

    private static final int CHUNK = 64 * 1024;

    record Answer(String statusLine, Map<String, String> headers, String body, long sentBeforeAnswer, long total) {

        int status() {
            return statusLine == null ? -1 : Integer.parseInt(statusLine.split(" ")[1]);
        }

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        boolean answeredWhileSending() {
            return sentBeforeAnswer < total;
        }
    }

    private RawUpload() {}

    /** Sends {@code pieces} as a chunked body after {@code head} (request line and headers, no blank line). */
    static Answer send(int port, String head, List<byte[]> pieces) throws Exception {
        long total = pieces.stream().mapToLong(p -> p.length).sum();
        AtomicLong sent = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    for (byte[] piece : pieces) {
                        for (int offset = 0; offset < piece.length; offset += CHUNK) {
                            int length = Math.min(CHUNK, piece.length - offset);
                            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(piece, offset, length);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                            sent.addAndGet(length);
                        }
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException cutOff) {
                    // the server answered and stopped reading: what the caller looks at is the answer
                } finally {
                    done.set(true);
                }
            });
            writer.setDaemon(true);
            writer.start();
            InputStream in = socket.getInputStream();
            String status;
            try {
                status = line(in);
            } catch (IOException reset) {
                return new Answer(null, Map.of(), "", sent.get(), total);
            }
            long sentBeforeAnswer = done.get() ? total : sent.get();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            String body = body(in, headers);
            return new Answer(status, headers, body, sentBeforeAnswer, total);
        }
    }

    private static String body(InputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line(in).trim(), 16);
                        size > 0;
                        size = Integer.parseInt(line(in).trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
            }
        } catch (IOException | RuntimeException closed) {
            // the connection may close after the answer; what was read of the body is enough
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.size() == 0) {
                    throw new IOException("connection closed");
                }
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A multipart body: each part is a field name, an optional file name, and its bytes. */
    static final class Multipart {
        final String boundary = "----upload" + System.nanoTime();
        private final List<byte[]> pieces = new java.util.ArrayList<>();

        Multipart field(String name, String value) {
            return part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }

        Multipart file(String name, String fileName, byte[] content) {
            return part(name, fileName, content);
        }

        private Multipart part(String name, String fileName, byte[] content) {
            String disposition = "form-data; name=\"" + name + "\""
                    + (fileName == null ? "" : "; filename=\"" + fileName + "\"\r\nContent-Type: video/mp4");
            pieces.add(("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            pieces.add(content);
            pieces.add("\r\n".getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        List<byte[]> pieces() {
            List<byte[]> all = new java.util.ArrayList<>(pieces);
            all.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return all;
        }
    }
}
