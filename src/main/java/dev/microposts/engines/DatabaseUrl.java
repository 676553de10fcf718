package dev.microposts.engines;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL address as operators write it: either a JDBC URL ({@code jdbc:postgresql://host/db})
 * or the common {@code postgres://user:password@host:5432/db?sslmode=require} form.
 */
record DatabaseUrl(String jdbcUrl, String username, String password) {

    static DatabaseUrl parse(String value) {
        String url = value.trim();
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(url, null, null);
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql: but was '"
                            + redact(url) + "'");
        }
        URI uri = URI.create(url);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host: '" + redact(url) + "'");
        }
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "" : uri.getPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseUrl(
                "jdbc:postgresql://" + uri.getHost() + ":" + port + database + query, username, password);
    }

    /** The address without credentials, safe for logs. */
    String safeForLogs() {
        return redact(jdbcUrl);
    }

    static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String part) {
        // percent-decoding only: URLDecoder is for form data, where '+' means a space
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
