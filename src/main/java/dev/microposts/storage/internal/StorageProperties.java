package dev.microposts.storage.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param url where media is kept, {@code STORAGE_URL}: empty for a directory in the data directory, or
 *     {@code file:///path}, or {@code s3://bucket[/prefix]?...} (see {@link StorageUrl})
 * @param accessKey the S3 access key, {@code STORAGE_ACCESS_KEY}; empty to take it from the URL or the AWS
 *     SDK's default chain
 * @param secretKey the S3 secret key, {@code STORAGE_SECRET_KEY}
 * @param region the S3 region unless the URL names one, {@code STORAGE_REGION}; {@code us-east-1} if empty
 */
@ConfigurationProperties("microposts.storage")
record StorageProperties(String url, String accessKey, String secretKey, String region) {

    StorageProperties {
        // why: the environment variables behind these are often set but empty, which means "not set"
        url = url == null ? "" : url.trim();
        accessKey = blankToNull(accessKey);
        secretKey = blankToNull(secretKey);
        region = region == null || region.isBlank() ? "us-east-1" : region.trim();
    }

    @Override
    public String toString() {
        return "StorageProperties[url=" + StorageUrl.redact(url) + ", accessKey=" + (accessKey == null ? null : "***")
                + ", secretKey=" + (secretKey == null ? null : "***") + ", region=" + region + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
