package dev.microposts.exports.internal;

import dev.microposts.accounts.UserRef;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A member's exports: ask for an archive, follow it while it is built, download it once ready (its owner only). */
@RestController
@RequestMapping("/api/v1/me/exports")
class ExportsController {

    private final ExportService exports;

    ExportsController(ExportService exports) {
        this.exports = exports;
    }

    /**
     * Starts building an archive of your posts, follows and videos: 202 with its status at {@code href}. While one is
     * being built, asking again answers that one (202, same {@code href}) instead of building a second.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    ResponseEntity<ExportView> request(@AuthenticationPrincipal UserRef me) {
        ExportView view = ExportView.of(exports.request(me).export());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create(view.href()))
                .body(view);
    }

    /** Your exports, newest first, until they expire. */
    @GetMapping
    List<ExportView> list(@AuthenticationPrincipal UserRef me) {
        return exports.ofOwner(me).stream().map(ExportView::of).toList();
    }

    /** One export: {@code building}, {@code ready} (with {@code download}) or {@code failed}; 404 if not yours. */
    @GetMapping("/{id}")
    ExportView status(@AuthenticationPrincipal UserRef me, @PathVariable UUID id) {
        return ExportView.of(exports.find(me, id));
    }

    /** The archive, a zip, streamed from storage; 404 while it is being built, and to anyone but its owner. */
    @GetMapping(value = "/{id}/archive", produces = "application/zip")
    ResponseEntity<StreamingResponseBody> archive(@AuthenticationPrincipal UserRef me, @PathVariable UUID id) {
        return download(exports, exports.find(me, id));
    }

    /** The archive as a download, for the API and the page alike. */
    static ResponseEntity<StreamingResponseBody> download(ExportService exports, Export export) {
        InputStream archive = exports.open(export);
        StreamingResponseBody body = out -> {
            try (InputStream in = archive) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .contentLength(export.size())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("microposts-export-"
                                        + export.createdAt().toString().substring(0, 10) + ".zip")
                                .build()
                                .toString())
                .body(body);
    }

    /**
     * An export as the API shows it.
     *
     * @param download where to get the archive, once it is ready
     * @param reason why it failed, when it did
     */
    record ExportView(
            UUID id,
            String status,
            String reason,
            Long size,
            Instant createdAt,
            Instant readyAt,
            Instant expiresAt,
            String href,
            String download) {

        static ExportView of(Export export) {
            String href = "/api/v1/me/exports/" + export.id();
            return new ExportView(
                    export.id(),
                    export.status(),
                    export.reason(),
                    export.size(),
                    export.createdAt(),
                    export.readyAt(),
                    export.expiresAt(),
                    href,
                    export.ready() ? href + "/archive" : null);
        }
    }
}
