package dev.microposts.exports.internal;

import dev.microposts.accounts.UserRef;
import dev.microposts.web.PageController;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The export page under the settings: a button, the status of each export, and a download link when ready. */
@PageController
class ExportPages {

    private final ExportService exports;

    ExportPages(ExportService exports) {
        this.exports = exports;
    }

    @GetMapping("/settings/export")
    String page(@AuthenticationPrincipal UserRef me, Model model) {
        model.addAttribute("exports", exports.ofOwner(me));
        return "exports/export";
    }

    @PostMapping("/settings/export")
    String request(@AuthenticationPrincipal UserRef me, RedirectAttributes redirect) {
        ExportService.Requested requested = exports.request(me);
        redirect.addFlashAttribute(
                "notice",
                requested.started()
                        ? "Your archive is being built. Reload this page to see when it is ready; you will get a"
                                + " notification too."
                        : "Your archive is being built already; it will be ready soon.");
        return "redirect:/settings/export";
    }

    @GetMapping("/settings/export/{id}/archive")
    ResponseEntity<StreamingResponseBody> download(@AuthenticationPrincipal UserRef me, @PathVariable UUID id) {
        return ExportsController.download(exports, exports.find(me, id));
    }
}
