package dev.microposts.storage.internal;

import dev.microposts.storage.StorageKeys;
import dev.microposts.storage.internal.StorageLocation.Bucket;
import dev.microposts.storage.internal.StorageLocation.Credentials;
import dev.microposts.storage.internal.StorageLocation.Directory;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code STORAGE_URL} as operators write it:
 *
 * <ul>
 *   <li>empty: the directory {@code media} in the data directory ({@code microposts.data-dir});
 *   <li>{@code file:///srv/media}: that directory;
 *   <li>{@code s3://bucket[/prefix][?endpoint=http://minio:9000&region=eu-west-1&path-style=true]}: an S3
 *       bucket, with every key under the optional prefix. Without {@code endpoint} it is AWS itself;
 *       {@code region} defaults to {@code STORAGE_REGION}; {@code path-style} defaults to {@code true} with
 *       an endpoint (MinIO, S3Mock and Ceph need it) and to {@code false} without. Credentials come from
 *       {@code STORAGE_ACCESS_KEY} and {@code STORAGE_SECRET_KEY}, or from the URL
 *       ({@code s3://ACCESS:SECRET@bucket}, percent-encoded), or else from the AWS SDK's default chain
 *       ({@code AWS_ACCESS_KEY_ID}, profiles, container and instance roles).
 * </ul>
 */
final class StorageUrl {

    static final String FORMS = "empty (the directory 'media' in the data directory), file:///absolute/path, or"
            + " s3://bucket[/prefix][?endpoint=http://host:9000&region=eu-west-1&path-style=true]";

    private static final Set<String> OPTIONS = Set.of("endpoint", "region", "path-style");

    // why: S3's own rules for bucket names, so that a typo fails at start-up rather than at the first upload
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private StorageUrl() {}

    /** Reads the settings, or fails with a message that names {@code STORAGE_URL} and the forms it accepts. */
    static StorageLocation parse(StorageProperties properties, Path dataDirectory) {
        String url = properties.url();
        if (url.isEmpty()) {
            return new Directory(dataDirectory.toAbsolutePath().normalize().resolve("media"));
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // why: not e.getMessage(), which repeats the URL, credentials included
            throw invalid("is not a URL", url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        return switch (scheme) {
            case "file" -> directory(uri, url);
            case "s3" -> bucket(uri, url, properties);
            default -> throw invalid("has an unknown scheme", url);
        };
    }

    private static Directory directory(URI uri, String url) {
        if (uri.isOpaque()
                || uri.getRawAuthority() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw invalid("must name an absolute directory, as in file:///srv/media", url);
        }
        try {
            return new Directory(Path.of(uri).normalize());
        } catch (IllegalArgumentException e) {
            throw invalid("must name an absolute directory, as in file:///srv/media", url);
        }
    }

    private static Bucket bucket(URI uri, String url, StorageProperties properties) {
        String authority = uri.getRawAuthority();
        if (authority == null || uri.getRawFragment() != null) {
            throw invalid("must be s3://bucket[/prefix][?options]", url);
        }
        int at = authority.lastIndexOf('@');
        String bucket = authority.substring(at + 1);
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            throw invalid("names no valid bucket (3 to 63 lowercase letters, digits, '.' and '-')", url);
        }
        String prefix = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        if (!prefix.isEmpty() && !StorageKeys.isValid(prefix)) {
            throw invalid("has a prefix that is not a valid storage key", url);
        }
        Map<String, String> options = options(uri.getRawQuery(), url);
        URI endpoint = options.containsKey("endpoint") ? endpoint(options.get("endpoint"), url) : null;
        boolean pathStyle =
                switch (options.getOrDefault("path-style", String.valueOf(endpoint != null))) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw invalid("has a path-style that is neither true nor false", url);
                };
        return new Bucket(
                bucket,
                prefix.isEmpty() ? "" : prefix + "/",
                endpoint,
                options.getOrDefault("region", properties.region()),
                pathStyle,
                credentials(properties, at < 0 ? null : authority.substring(0, at), url));
    }

    private static Map<String, String> options(String rawQuery, String url) {
        Map<String, String> options = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return options;
        }
        for (String pair : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            String name = decode(parts[0]);
            // why: a misspelt option, silently ignored, would send media somewhere unexpected
            if (!OPTIONS.contains(name)) {
                throw invalid("has an unknown option (known: endpoint, region, path-style)", url);
            }
            if (parts.length < 2 || parts[1].isEmpty()) {
                throw invalid("has no value for the option " + name, url);
            }
            options.put(name, decode(parts[1]));
        }
        return options;
    }

    private static URI endpoint(String value, String url) {
        try {
            URI endpoint = new URI(value);
            boolean http = "http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme());
            String path = endpoint.getRawPath();
            boolean bare = endpoint.getRawUserInfo() == null
                    && endpoint.getRawQuery() == null
                    && endpoint.getRawFragment() == null
                    && (path == null || path.isEmpty() || path.equals("/"));
            if (http && endpoint.getHost() != null && bare) {
                return new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(), null, null, null);
            }
        } catch (URISyntaxException e) {
            // reported below, like any other bad endpoint
        }
        throw invalid("has an endpoint that is not http(s)://host[:port]", url);
    }

    private static Credentials credentials(StorageProperties properties, String rawUserInfo, String url) {
        boolean inProperties = properties.accessKey() != null || properties.secretKey() != null;
        if (inProperties && (properties.accessKey() == null || properties.secretKey() == null)) {
            throw new IllegalArgumentException(
                    "STORAGE_ACCESS_KEY and STORAGE_SECRET_KEY (microposts.storage.access-key"
                            + " and microposts.storage.secret-key) must be set together");
        }
        if (inProperties && rawUserInfo != null) {
            throw invalid("carries credentials while STORAGE_ACCESS_KEY is set too; keep one of them", url);
        }
        if (inProperties) {
            return new Credentials(properties.accessKey(), properties.secretKey());
        }
        if (rawUserInfo == null) {
            return null;
        }
        String[] parts = rawUserInfo.split(":", 2);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw invalid("must carry credentials as s3://ACCESS:SECRET@bucket", url);
        }
        return new Credentials(decode(parts[0]), decode(parts[1]));
    }

    private static String decode(String part) {
        // percent-decoding only: URLDecoder is for form data, where '+' means a space
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String problem, String url) {
        return new IllegalArgumentException("STORAGE_URL (microposts.storage.url) " + problem + ": '" + redact(url)
                + "'. It must be " + FORMS + ".");
    }

    /**
     * The URL without anything that may be a credential: the user information (everything up to the last
     * {@code @}) and the values of options other than the known ones.
     */
    static String redact(String url) {
        String redacted = url.replaceFirst("^(\\w+:/*)?.*@", "$1***@");
        int query = redacted.indexOf('?');
        if (query < 0) {
            return redacted;
        }
        StringBuilder safe = new StringBuilder(redacted.substring(0, query + 1));
        String[] pairs = redacted.substring(query + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            String[] parts = pairs[i].split("=", 2);
            safe.append(i == 0 ? "" : "&").append(parts[0]);
            if (parts.length == 2) {
                safe.append('=').append(OPTIONS.contains(parts[0]) ? parts[1] : "***");
            }
        }
        return safe.toString();
    }
}
