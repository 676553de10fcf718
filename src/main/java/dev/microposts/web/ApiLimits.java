package dev.microposts.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on what one API request may ask for.
 *
 * @param maxBodySize the largest JSON body accepted; larger ones get 413 before they are read
 * @param defaultPageSize items in a page when the client does not say
 * @param maxPageSize the most items a client may ask for in one page
 * @param retryAfterSeconds what a 503 tells clients to wait before retrying
 */
@Validated
@ConfigurationProperties("microposts.api")
public record ApiLimits(
        DataSize maxBodySize,
        @Min(1) int defaultPageSize,
        @Min(1) @Max(1000) int maxPageSize,
        @Min(1) int retryAfterSeconds) {

    public ApiLimits {
        if (maxBodySize == null) {
            maxBodySize = DataSize.ofKilobytes(64);
        }
        if (defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("microposts.api.default-page-size must not exceed max-page-size");
        }
    }
}
