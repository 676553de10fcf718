package dev.microposts.media.internal;

import dev.microposts.engines.BackingServices;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where and how far the web server takes in a multipart upload. The whole request, not only each part, is held
 * to the upload limit, so many parts just under it cannot add up to a full disk; the parts are written under
 * the work directory (never the system's temporary directory, which may be small, shared, or in memory), and
 * the server deletes them when the request ends.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class UploadMultipartConfiguration {

    /** A form's text fields stay in memory; anything larger goes to disk. */
    private static final int IN_MEMORY = 64 * 1024;

    @Bean
    MultipartConfigElement multipartConfig(MediaProperties properties, BackingServices services) throws IOException {
        Path parts = Files.createDirectories(
                properties.workRoot(services.dataDirectory()).resolve("multipart"));
        // why: a process killed mid-upload could not delete its parts; no other process writes here
        try (Stream<Path> stale = Files.list(parts)) {
            for (Path file : stale.toList()) {
                Files.deleteIfExists(file);
            }
        }
        long max = properties.maxUploadSize().toBytes();
        return new MultipartConfigElement(parts.toString(), max, max, IN_MEMORY);
    }
}
