package dev.microposts.media.internal;

import dev.microposts.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells the pages how large a video may be, so the compose box can say so and refuse a larger file before
 * sending a byte of it.
 */
@ControllerAdvice(annotations = PageController.class)
class UploadLimitAdvice {

    private final long bytes;
    private final String label;

    UploadLimitAdvice(MediaProperties properties) {
        this.bytes = properties.maxUploadSize().toBytes();
        this.label = label(bytes);
    }

    @ModelAttribute
    void uploadLimit(Model model) {
        model.addAttribute("uploadLimitBytes", bytes);
        model.addAttribute("uploadLimitLabel", label);
    }

    /** 536870912 as "512 MB", 1500000 as "1.4 MB": binary units, as the setting is written. */
    static String label(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0 || value == Math.rint(value)) {
            return (long) value + " " + units[unit];
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
